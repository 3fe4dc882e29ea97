namespace ZoningHub.ServiceDefaults;

/// <summary>
/// The largest push message (a batch or a snapshot chunk) a node takes, and so the largest the hub sends: one unit
/// goes alone when it is larger than a batch, and a unit larger than this cannot be pushed at all.
/// </summary>
public static class GrpcPushLimit
{
    public const int MaxMessageBytes = 64 * 1024 * 1024;
}
