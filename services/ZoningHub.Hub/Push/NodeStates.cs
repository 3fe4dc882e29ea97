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
    /// otherwise retrying, a node that answers with its own failure (its store full) included.
    /// </summary>
    public static string AfterFailure(StatusCode status, int failures) =>
        status is StatusCode.Unauthenticated or StatusCode.PermissionDenied ? Refused
        : status is StatusCode.Unavailable or StatusCode.DeadlineExceeded && failures > 5 ? Offline
        : Retrying;
}
