namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>How a poll of an HTTP source ended (<see cref="SourcePoll.Outcome"/>).</summary>
public static class PollOutcomes
{
    /// <summary>The layer was read and taken; its changes, if any, are queued.</summary>
    public const string Taken = "taken";

    /// <summary>The service served what it served at the poll before.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>The answer was read and refused (malformed, too large, pages that never agreed); listed with the refused exports.</summary>
    public const string Refused = "refused";

    /// <summary>No answer, or a server error: tried again at the next poll.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>401, 403 or 404: the Url or the credentials are wrong, which no number of polls will mend.</summary>
    public const string Misconfigured = "misconfigured";
}
