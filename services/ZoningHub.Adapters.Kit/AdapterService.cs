using Microsoft.AspNetCore.Builder;
using ZoningHub.Contracts;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Adapters.Kit;

/// <summary>The whole of an adapter service: one department on the shared kit, its own broker prefix, status and health.</summary>
public static class AdapterService
{
    public static void Run(string[] args, Func<AdapterOptions> nativeSchema)
    {
        var builder = ServiceBuilder.Create(args);
        builder.AddServiceDefaults();
        builder.AddDepartmentAdapter(nativeSchema);
        builder.AddZoningHubBus(Topology.AdapterPrefix(nativeSchema().Department), bus => bus.AddAdapterRequests());

        var app = builder.Build();
        app.MapAdapterStatus();
        app.MapDefaultEndpoints();
        app.Run();
    }
}
