using Microsoft.Extensions.Configuration.Memory;
using ZoningHub.Adapters.Kit;

namespace ZoningHub.Adapters.OneMap;

/// <summary>
/// The one-map system's native export schema (自然资源"一张图"), used unless configuration overrides it:
/// administrative divisions carry <c>XZQDM</c>/<c>XZQMC</c>, redlines <c>HXBH</c>/<c>HXMC</c>.
/// </summary>
public static class OneMapAdapter
{
    public const string Department = "natural-resources";
    public const string Section = "Adapters:OneMap";

    static readonly Dictionary<string, string?> NativeSchema = new()
    {
        [$"{Section}:Department"] = Department,
        [$"{Section}:Stream"] = $"{Department}.one-map",
        [$"{Section}:InboxDirectory"] = "data/inbox/natural-resources",
        [$"{Section}:StateDirectory"] = "data/adapters/natural-resources",
        [$"{Section}:Layers:admin-division:IdField"] = "XZQDM",
        [$"{Section}:Layers:admin-division:Properties:county"] = "XZQDM",
        [$"{Section}:Layers:admin-division:Properties:name"] = "XZQMC",
        [$"{Section}:Layers:ecological-redline:IdField"] = "HXBH",
        [$"{Section}:Layers:ecological-redline:Properties:name"] = "HXMC",
        [$"{Section}:Layers:ecological-redline:Properties:county"] = "XZQDM",
    };

    public static IHostApplicationBuilder AddOneMapAdapter(this IHostApplicationBuilder builder)
    {
        // Lowest precedence: appsettings, environment and command line all override the native schema.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = NativeSchema });
        return builder.AddDepartmentAdapter(Section);
    }
}
