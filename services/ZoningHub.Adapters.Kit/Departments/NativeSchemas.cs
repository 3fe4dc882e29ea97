namespace ZoningHub.Adapters.Kit.Departments;

/// <summary>
/// Each department system's own export schema, the default mapping of its adapter. Configuration under the
/// adapter's section overrides or extends any of it (e.g. a province whose one-map calls the redline id <c>BH</c>).
/// </summary>
public static class NativeSchemas
{
    /// <summary>Natural resources "one map" (国土空间规划"一张图"): boundaries, redlines, farmland, urban development.</summary>
    public static AdapterOptions OneMap() => Department("natural-resources", "one-map",
        ("admin-division", Layer("XZQDM", ("county", "XZQDM"), ("name", "XZQMC"))),
        ("ecological-redline", Layer("HXBH", ("name", "HXMC"), ("county", "XZQDM"))),
        ("permanent-basic-farmland", Layer("JBNTBH", ("county", "XZQDM"))),
        ("urban-development-boundary", Layer("KFBJBH", ("name", "KFBJMC"), ("county", "XZQDM"))));

    /// <summary>Water resources: drinking-water source protection zones, coded per HJ 747 (饮用水水源地).</summary>
    public static AdapterOptions Water() => Department("water-resources", "water-sources",
        ("drinking-water-source-zone", Layer("SYDBM", ("code", "SYDBM"), ("name", "SYDMC"), ("grade", "BHQJB"))
            .WithValues("grade", ("一级", "1"), ("二级", "2"), ("准保护区", "quasi"))));

    /// <summary>Forestry and grassland: the protected-area system (自然保护地).</summary>
    public static AdapterOptions Forestry() => Department("forestry-grassland", "protected-areas",
        ("nature-reserve", Layer("BHQBM", ("name", "BHQMC"), ("level", "JB"), ("zone", "GNFQ"))
            .WithValues("level", ("国家级", "national"), ("省级", "provincial"), ("市级", "municipal"), ("县级", "county"))
            .WithValues("zone", ("核心保护区", "core"), ("核心区", "core"), ("一般控制区", "general"), ("缓冲区", "general"), ("实验区", "general"))),
        ("natural-park", Layer("GYBM", ("name", "GYMC"), ("kind", "GYLX"))
            .WithValues("kind", ("国家公园", "national-park"), ("森林公园", "forest-park"), ("湿地公园", "wetland-park"), ("地质公园", "geopark"))));

    /// <summary>The environmental impact assessment system (环评审批): approved projects and industrial parks.</summary>
    public static AdapterOptions Eia() => Department("ecology-environment", "eia",
        ("eia-project", Layer("XMBH", ("name", "XMMC"), ("industry", "HYDM"), ("status", "SPZT"), ("approvedOn", "SPRQ"))
            .WithValues("status", ("已批复", "approved"), ("审批中", "under-review"), ("不予批复", "refused"))),
        ("industrial-park", Layer("YQBM", ("name", "YQMC"), ("county", "XZQDM"))));

    /// <summary>All four, by department id.</summary>
    public static IReadOnlyDictionary<string, Func<AdapterOptions>> All { get; } = new Dictionary<string, Func<AdapterOptions>>(StringComparer.Ordinal)
    {
        ["natural-resources"] = OneMap,
        ["water-resources"] = Water,
        ["forestry-grassland"] = Forestry,
        ["ecology-environment"] = Eia,
    };

    static AdapterOptions Department(string department, string system, params (string Layer, LayerMapping Mapping)[] layers) => new()
    {
        Department = department,
        Stream = $"{department}.{system}",
        InboxDirectory = $"data/inbox/{department}",
        StateDirectory = $"data/adapters/{department}",
        Layers = layers.ToDictionary(l => l.Layer, l => l.Mapping, StringComparer.Ordinal),
    };

    static LayerMapping Layer(string idField, params (string Property, string Field)[] properties) => new()
    {
        IdField = idField,
        Properties = properties.ToDictionary(p => p.Property, p => p.Field, StringComparer.Ordinal),
    };

    static LayerMapping WithValues(this LayerMapping mapping, string property, params (string Native, string Contract)[] values)
    {
        mapping.Values[property] = values.ToDictionary(v => v.Native, v => v.Contract, StringComparer.Ordinal);
        return mapping;
    }
}
