namespace ZoningHub.Samples.World;

/// <summary>
/// GB/T 4754-2017 class codes as EIA systems store them: four digits, no section letter, leading zeros kept
/// (<c>0313</c>), so they are text everywhere, never numbers.
/// </summary>
static class IndustryCodes
{
    /// <summary>Light industry that belongs in an industrial park.</summary>
    public static IReadOnlyList<Industry> Light { get; } =
    [
        new("1810", "服饰", "年产{0}万件服装生产线"),
        new("3972", "电子", "年产{0}万平方米印制电路板"),
        new("3921", "通信", "年产{0}万台通信设备"),
        new("3831", "电缆", "年产{0}万米电线电缆"),
        new("2231", "包装", "年产{0}万只纸箱"),
        new("2926", "塑业", "年产{0}万只塑料包装容器"),
        new("1371", "食品", "年加工{0}万吨蔬菜"),
        new("3311", "钢构", "年产{0}万吨钢结构件"),
        new("3670", "汽配", "年产{0}万套汽车零部件"),
        new("2770", "医疗用品", "年产{0}万件医用敷料"),
    ];

    /// <summary>Farming outside the parks: the codes with a leading zero.</summary>
    public static IReadOnlyList<Industry> Rural { get; } =
    [
        new("0313", "牧业", "年出栏{0}万头生猪养殖场"),
        new("0412", "水产", "{0}百亩水产养殖基地"),
    ];

    /// <summary>Heavy industry that a redline or a grade-1 water zone forbids (access catalogue: B, C, C25, C26, C31).</summary>
    public static IReadOnlyList<Industry> Heavy { get; } =
    [
        new("2511", "石化", "年产{0}万吨炼油"),
        new("3110", "钢铁", "年产{0}万吨炼铁"),
        new("2614", "化工", "年产{0}万吨有机化学原料"),
        new("3011", "建材", "日产{0}千吨水泥熟料生产线"),
    ];
}
