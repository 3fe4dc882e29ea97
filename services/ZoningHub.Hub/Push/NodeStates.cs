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
    /// A node's state after a call to it failed with <paramref name="status"/>, the <paramref name="failures"/>th in a
    /// row: refused for a credential or scope it will not take; offline once it could not be reached five times over;
    /// otherwise retrying. A node that <paramref name="answered"/> the round's first call is reachable whatever fails
    /// after: its own failure (its store full), or a push that outlasts its deadline on a slow link, whose error says
    /// what to allow for the link.
    /// </summary>
    public static string AfterFailure(StatusCode status, int failures, bool answered) =>
        status is StatusCode.Unauthenticated or StatusCode.PermissionDenied ? Refused
        : status is StatusCode.Unavailable or StatusCode.DeadlineExceeded && failures > 5 && !answered ? Offline
        : Retrying;
}
