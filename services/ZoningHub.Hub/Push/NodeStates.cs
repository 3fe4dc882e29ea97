namespace ZoningHub.Hub.Push;

/// <summary>A node's sync state as the status API and dashboard show it.</summary>
public static class NodeStates
{
    public const string InSync = "in-sync";
    public const string CatchingUp = "catching-up";
    public const string Retrying = "retrying";
    public const string Offline = "offline";
    public const string Refused = "refused";
}
