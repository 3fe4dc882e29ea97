namespace ZoningHub.Testing;

/// <summary>What an external command did; <see cref="TimedOut"/> means it was killed.</summary>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Both streams together, for error messages: rabbitmqctl says why on either.</summary>
    public string Output => string.Join(Environment.NewLine,
        new[] { StandardOutput.Trim(), StandardError.Trim() }.Where(s => s.Length > 0));
}
