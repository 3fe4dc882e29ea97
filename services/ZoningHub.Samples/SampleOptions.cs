namespace ZoningHub.Samples;

/// <summary>What <see cref="SampleExports.Write"/> generates: which provinces, from which seed, at which stage.</summary>
public sealed record SampleOptions
{
    /// <summary>The seed the repository's samples and the embedded run use.</summary>
    public const int DefaultSeed = 20240601;

    /// <summary>Two-digit province codes (the first two digits of county codes); Zhejiang and Anhui by default.</summary>
    public IReadOnlyList<string> Provinces { get; init; } = ["33", "34"];

    /// <summary>Whether <paramref name="code"/> is a two-digit province code, as <see cref="Provinces"/> takes.</summary>
    public static bool IsProvinceCode(string? code) => code is { Length: 2 } && code.All(char.IsAsciiDigit);

    /// <summary>Same seed, provinces and stage give byte-identical files.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// 0 writes the initial export of every layer; 1 … <see cref="SampleExports.LastStage"/> write the layers that
    /// stage's edits change, as full exports of the state after every edit up to it.
    /// </summary>
    public int Stage { get; init; }

    /// <summary>
    /// The county boundaries; <c>null</c> looks for <c>shared/data/admin/china-counties.simplified.geojson</c>
    /// under <c>ZONINGHUB_SHARED_DATA</c> or above the working and application directories.
    /// </summary>
    public string? CountiesFile { get; init; }
}
