using Grpc.Core;

namespace ZoningHub.Hub.Push;

/// <summary>A node's sync state as the status API and dashboard show it.</summary>
public static class NodeStates
{
    public const string InSync = "in-sync";
    public const string CatchingUp = "catching-up";
    public const string Retrying = "retrying";
    public const string Offline = "offline";
    public const string Refused = "refused";

    /// <summary>
    /// A node's state after a call to it failed with <paramref name="status"/>: refused for a credential or scope it will
    /// not take; offline once <paramref name="unanswered"/>, the rounds in a row whose first call it did not answer,
    /// passes five; otherwise retrying. A node that answers is reachable whatever fails after: its own failure (its store
    /// full), or a push that outlasts its deadline on a slow link, whose error says what to allow for the link. Counted as
    /// rounds in a row, not as the last round alone: on a slow link a poll now and then waits behind a cancelled push's
    /// bytes and times out, which does not make the node unreachable.
    /// </summary>
    public static string AfterFailure(StatusCode status, int unanswered) =>
        status is StatusCode.Unauthenticated or StatusCode.PermissionDenied ? Refused
        : status is StatusCode.Unavailable or StatusCode.DeadlineExceeded && unanswered > 5 ? Offline
        : Retrying;
}
