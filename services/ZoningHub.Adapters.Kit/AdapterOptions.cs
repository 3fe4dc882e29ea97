using System.ComponentModel.DataAnnotations;

namespace ZoningHub.Adapters.Kit;

/// <summary>One department adapter: where its exports arrive, how its fields map, where it keeps its state.</summary>
public sealed class AdapterOptions
{
    /// <summary>Department id (DESIGN §1), e.g. <c>natural-resources</c>.</summary>
    [Required]
    public string Department { get; set; } = "";

    /// <summary>The stream its change sets are numbered in, <c>department.system</c>.</summary>
    [Required]
    public string Stream { get; set; } = "";

    /// <summary>Exports arrive in one sub-folder per layer: <c>Inbox/&lt;layer&gt;/*.geojson</c>.</summary>
    [Required]
    public string InboxDirectory { get; set; } = "";

    /// <summary>Where the adapter keeps what it published and its outbox.</summary>
    [Required]
    public string StateDirectory { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A file is read only once the adapter has seen it unchanged (length and write time) for this long, so half-written
    /// exports are left alone; by its own clock, as a copied file's write time may be years old or hours ahead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// An export that reads as cut short (a copy still under way, or stalled) is left in the inbox and read again while
    /// the adapter has seen it change within this time; only a file unchanged for longer is refused as cut short.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CutShortWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Large exports are split so no message grows past what a broker handles comfortably.</summary>
    [Range(1, 100_000)]
    public int MaxFeaturesPerChangeSet { get; set; } = 500;

    /// <summary>
    /// And at most this much geometry (as GeoJSON) per change set; a larger feature goes alone. The hub's intake takes
    /// up to 200 change sets ahead of the one it applies (two batches): at 4 MiB a re-exported layer holds under a
    /// gibibyte of the hub's memory there, where the 32 MiB of before let it hold 6.4 GiB.
    /// </summary>
    [Range(1024, 100L * 1024 * 1024)]
    public long MaxGeometryBytesPerChangeSet { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Whether an export with no features may delete every feature of a layer that has some. Off: an empty export is
    /// almost always a failed one (an empty query, a service under maintenance), so it is refused and kept aside.
    /// Turned on for as long as it takes a layer that really is empty now to be exported.
    /// </summary>
    public bool AllowEmptyExports { get; set; }

    /// <summary>Layers read from the department's HTTP service instead of (or as well as) the inbox folder.</summary>
    public List<HttpSourceOptions> HttpSources { get; set; } = [];

    /// <summary>Per layer id, how the department's fields map onto the contract.</summary>
    public Dictionary<string, LayerMapping> Layers { get; set; } = [];
}
