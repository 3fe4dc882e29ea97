using System.ComponentModel.DataAnnotations;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub;

/// <summary>Configuration section <c>Hub</c>.</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Where the hub keeps its SQLite store.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data/hub";

    [Required]
    public string HubId { get; set; } = "hub";

    /// <summary>
    /// The credential the hub presents to nodes (<c>authorization: Bearer …</c>) that have none of their own
    /// (<see cref="NodeRegistration.Credential"/>); needed only when some node has none.
    /// </summary>
    public string PushCredential { get; set; } = "";

    /// <summary>
    /// The credential operators present (<c>Authorization: Bearer …</c>) for actions that change anything:
    /// replay, resync, verify, rebuild, compaction. Empty: the hub takes no actions, and says so.
    /// </summary>
    public string OperatorCredential { get; set; } = "";

    /// <summary>
    /// How long a node call may take before it counts as failed, and a push (a batch, each snapshot chunk) more by its
    /// size: <see cref="PushMinimumBytesPerSecond"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PushDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The slowest link to a node the hub allows for: a push is given <see cref="PushDeadline"/> and the time its bytes
    /// take at this rate (a 40 MB unit 10 s + 40 s), since one deadline for every size timed a large unit out over a
    /// slow provincial link at every attempt, and held up all that followed it.
    /// </summary>
    [Range(1_000, int.MaxValue)]
    public int PushMinimumBytesPerSecond { get; set; } = 1_000_000;

    /// <summary>
    /// How long the hub waits before it tries a node again after a failed call, at the first failure; each failure in a
    /// row doubles it up to <see cref="PushRetryMaxBackoff"/>, with jitter, so the pushers of many nodes do not retry a
    /// recovering hub link in step. An operator's resync or verify of the node ends the wait at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PushRetryBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between tries of a node that keeps failing (see <see cref="PushRetryBackoff"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PushRetryMaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a connection to a node may carry nothing back, while a call is under way, before the hub pings it over
    /// HTTP/2. A connection the network dropped without a word is found out so, closed and made again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PushKeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a ping may wait for its answer before the connection is closed. It queues behind the data the hub has
    /// sent ahead, up to a node's 4 MiB receive window: keep it above the time that takes at <see cref="PushMinimumBytesPerSecond"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PushKeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How large a push batch or snapshot chunk may grow, in protobuf bytes. A unit larger than this goes alone. Nodes
    /// take up to 64 MiB (<see cref="ServiceDefaults.GrpcPushLimit"/>), and intake's limits do not keep a unit below that
    /// (500,000 vertices a feature, and a county's general unit has the boundaries of every feature cut out of it): such a
    /// unit is not sent, and the node's status names it.
    /// </summary>
    [Range(1024, 32 * 1024 * 1024)]
    public int PushBatchBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How many revisions of superseded history the hub keeps when it compacts its unit log on its own, every
    /// <see cref="CompactLogInterval"/> and once at start, as <c>POST /api/admin/compact-log?keep=N</c> does on request.
    /// Every unit's current version is always kept; a node that acknowledged less than what is kept is brought up by
    /// snapshot. Unset (the default): the log is compacted only on request.
    /// </summary>
    [Range(typeof(long), "0", "9223372036854775807")]
    public long? CompactLogKeep { get; set; }

    /// <summary>How often the hub compacts its unit log, when <see cref="CompactLogKeep"/> is set.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan CompactLogInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the hub compares its digest of each node's scope with the node's own.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long derivation lets changes gather after being woken: a burst of change sets to one county then
    /// costs one re-derivation and one new unit version instead of one each.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan DerivationDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A unit share smaller than this is left to the next unit (DESIGN §3), in m².</summary>
    [Range(0.0, 1e6)]
    public double UnitSliverSquareMetres { get; set; } = 1.0;

    /// <summary>
    /// Overlaps smaller than this are not conflicts (DESIGN §4), in Gauss-Krüger m²: an overlap of two features is taken
    /// whole, across county borders; a project footprint's part in a unit counts from this or half the footprint.
    /// </summary>
    [Range(0.0, 1e9)]
    public double ConflictSliverSquareMetres { get; set; } = 100.0;

    /// <summary>Repair tolerance and size limits for intake (<c>Hub:Validation</c>).</summary>
    // A fresh instance: the configuration binder writes into it, and must never write into the shared default.
    public ValidationPolicy Validation { get; set; } = new();

    public List<NodeRegistration> Nodes { get; set; } = [];
}
