namespace ZoningHub.Hub.Core.Intake;

/// <summary>Per-stream ordering: change sets apply strictly 1, 2, 3… (DESIGN §5).</summary>
public static class StreamOrder
{
    public static SequenceDisposition Classify(long lastApplied, long sequence) =>
        sequence <= lastApplied ? SequenceDisposition.Duplicate
        : sequence == lastApplied + 1 ? SequenceDisposition.Next
        : SequenceDisposition.Early;
}
