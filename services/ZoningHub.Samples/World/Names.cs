namespace ZoningHub.Samples.World;

/// <summary>
/// Word lists for names that read like the departments' own. Place words are generic on purpose (青龙山, 白石):
/// the features are synthetic and must not pass for real protected areas or companies.
/// </summary>
static class Names
{
    public static IReadOnlyList<string> Places { get; } =
        ["青龙山", "白云山", "凤凰山", "大岗山", "云雾山", "石门", "龙潭", "金竹坞", "桃花岭", "松溪", "清泉", "翠屏山", "仙人洞", "五峰", "落霞湖", "白鹭洲"];

    public static IReadOnlyList<string> Towns { get; } =
        ["城关", "新安", "龙山", "白石", "青山", "东湖", "临江", "横塘", "三河", "长岭", "高桥", "双溪"];

    public static IReadOnlyList<string> Waters { get; } =
        ["青溪", "白马", "黄泥坑", "双峰", "长潭", "石塘", "龙泉", "梅溪", "枫林", "桥墩"];

    public static IReadOnlyList<string> Brands { get; } =
        ["恒盛", "华宇", "永兴", "天成", "鑫源", "宏达", "金阳", "瑞丰", "东方", "嘉和", "中联", "远航"];

    /// <summary>Ecosystem functions redlines are drawn for (生态功能), as in the provinces' redline plans.</summary>
    public static IReadOnlyList<string> RedlineThemes { get; } = ["水源涵养", "生物多样性维护", "水土保持"];
}
