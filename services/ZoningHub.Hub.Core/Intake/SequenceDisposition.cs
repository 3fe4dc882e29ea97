namespace ZoningHub.Hub.Core.Intake;

public enum SequenceDisposition
{
    /// <summary>The next one of the stream: apply it.</summary>
    Next,

    /// <summary>Already applied: acknowledge and ignore (after checking its content is the same).</summary>
    Duplicate,

    /// <summary>Came before the ones it follows: hold it and ask for the missing range.</summary>
    Early,
}
