namespace ZoningHub.ServiceDefaults;

/// <summary>
/// The largest request a gRPC query takes. A query is a unit code or a province, county and type, and needs no
/// credential: with a push's message limit, anyone could make a service read megabytes per call before answering.
/// </summary>
public static class GrpcQueryLimit
{
    public const int MaxRequestBytes = 4 * 1024;
}
