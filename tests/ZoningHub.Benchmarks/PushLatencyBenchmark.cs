using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts;
using ZoningHub.Hub;
using ZoningHub.Hub.Store;
using ZoningHub.Node.Tests;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Benchmarks;

/// <summary>
/// Publish-to-all-nodes-applied latency at a steady change rate (goal: p99 under 1 s at 100 changes/s): a hub pushing
/// to a national node and the provincial nodes of Zhejiang and Anhui, each change set editing one county's redline.
/// Beside it, for the same change sets in the same run, the stages before any push begins (intake applied, unit log
/// written), so the push's own share shows.
/// </summary>
static class PushLatencyBenchmark
{
    static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    // Each edit gets a source version of its own; units cite their sources as layer/id@version, so the log says which edit a derivation saw.
    const string EditVersion = "bench-edit-";

    /// <param name="overRabbitMq">
    /// Change sets published through a real RabbitMQ (RABBITMQ_URL's, or a local node the tests' installer provides), as
    /// departments publish them, rather than the in-memory bus: the broker's hop is then inside the latency.
    /// </param>
    public static async Task<int> RunAsync(double rate, double seconds, bool overRabbitMq)
    {
        using var data = new TemporaryDirectory("zoninghub-bench-");
        var nodes = new List<BenchNode>();
        var broker = overRabbitMq ? new RabbitMqBroker() : null;
        try
        {
            foreach (var (id, scope) in new[] { ("national", "national"), ("zhejiang", "33"), ("anhui", "34") })
            {
                nodes.Add(await BenchNode.StartAsync(id, scope, Path.Combine(data.Path, "nodes")));
            }

            Uri? virtualHost = null;
            if (broker is not null)
            {
                await broker.InitializeAsync();
                virtualHost = await broker.CreateVirtualHostAsync($"bench-push-{Environment.ProcessId}");
                Console.WriteLine($"broker: {broker.Description}");
            }

            await using var hub = await BenchHub.StartAsync(Path.Combine(data.Path, "hub"), nodes, virtualHost);
            return await MeasureAsync(hub, nodes, rate, seconds, broker is null ? "in-memory bus" : "RabbitMQ");
        }
        finally
        {
            if (broker is not null)
            {
                await broker.DisposeAsync();
            }

            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    static async Task<int> MeasureAsync(ServiceHost hub, List<BenchNode> nodes, double rate, double seconds, string bus)
    {
        var options = hub.Service<IOptions<HubOptions>>().Value;
        var endpoint = await hub.Service<IBus>().GetSendEndpoint(new Uri($"exchange:{Topology.ChangeSetExchange("natural-resources")}"));
        foreach (var changeSet in ProvinceWorld.Initial())
        {
            await endpoint.Send(changeSet);
        }

        await StreamReachesAsync(hub, ProvinceWorld.InitialSequence);
        await BenchHub.InSyncAsync(hub, nodes, TimeSpan.FromMinutes(1));
        var before = hub.Service<UnitLogReader>().HeadRevision();

        var warmUp = (int)Math.Round(rate * WarmUp.TotalSeconds);
        var edits = Enumerable.Range(1, warmUp + (int)Math.Round(rate * seconds)).Select(Edit).ToList();
        var sent = new DateTimeOffset[edits.Count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < edits.Count; i++)
        {
            if (TimeSpan.FromSeconds(i / rate) - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            sent[i] = DateTimeOffset.UtcNow;
            await endpoint.Send(edits[i]);
        }

        var sending = clock.Elapsed;
        await StreamReachesAsync(hub, ProvinceWorld.InitialSequence + edits.Count);
        await BenchHub.InSyncAsync(hub, nodes, TimeSpan.FromMinutes(2));

        var applied = AppliedAt(hub.Service<HubDatabase>());
        var (derivations, written) = Derivations(hub.Service<UnitLogReader>(), before);
        var samples = new List<(TimeSpan Intake, TimeSpan Log, TimeSpan Nodes)>();
        var seen = new HashSet<(string, long)>();
        for (var i = warmUp; i < edits.Count; i++)
        {
            var county = CountyOf(edits[i]);
            var derivation = derivations[county].First(d => d.Edit >= i + 1);
            seen.Add((county, derivation.Through));
            var nodesApplied = nodes.Where(n => n.Covers(county))
                .Max(n => n.Acks.FirstAt(derivation.Through) ?? throw new InvalidOperationException($"node {n.Id} never acknowledged revision {derivation.Through}"));
            samples.Add((applied[edits[i].Sequence] - sent[i], derivation.WrittenAt - sent[i], nodesApplied - sent[i]));
        }

        // Each stage starts after the one before has committed; anything else means an edit was matched to the wrong revision.
        if (samples.Count(s => s.Log <= s.Intake || s.Nodes <= s.Log) is > 0 and var outOfOrder)
        {
            throw new InvalidOperationException($"{outOfOrder} edits were matched to revisions written before they were taken in");
        }

        var total = samples.Select(s => s.Nodes).Order().ToList();
        Console.WriteLine($"hub and nodes national, zhejiang (33), anhui (34) in one process on {Environment.ProcessorCount} cores, loopback gRPC, {bus}, production defaults");
        Console.WriteLine($"Hub:DerivationDelay {options.DerivationDelay.TotalMilliseconds:F0} ms (changes to a county gather this long before it is derived), Hub:PushBatchBytes {options.PushBatchBytes / 1024} KiB");
        Console.WriteLine($"{ProvinceWorld.Counties.Count} real counties of provinces {string.Join(", ", ProvinceWorld.Provinces)}; each change set edits one county's redline");
        Console.WriteLine($"sent {edits.Count} change sets at {edits.Count / sending.TotalSeconds:F1}/s (target {rate:F0}/s) over {sending.TotalSeconds:F1} s; "
            + $"the first {warmUp} ({WarmUp.TotalSeconds:F0} s) warm up, {samples.Count} measured");
        Console.WriteLine($"they became {seen.Count} county derivations (edits to one county within a derivation's gathering coalesce), {written} unit versions written");
        Console.WriteLine($"{"latency from publish, ms",-46} {"p50",7} {"p95",7} {"p99",7} {"max",7}");
        Row("intake applied (change set stored)", samples.Select(s => s.Intake));
        Row("unit log written (baseline: before any push)", samples.Select(s => s.Log));
        Row("all nodes in scope applied", total, $"goal p99 < 1000 ms: {(Percentile(total, 0.99) < TimeSpan.FromSeconds(1) ? "met" : "NOT met")}");
        Row("push share (applied − written)", samples.Select(s => s.Nodes - s.Log));
        return 0;
    }

    static void Row(string what, IEnumerable<TimeSpan> latencies, string note = "")
    {
        var sorted = latencies.Order().ToList();
        Console.WriteLine($"{what,-46} {Ms(Percentile(sorted, 0.50))} {Ms(Percentile(sorted, 0.95))} {Ms(Percentile(sorted, 0.99))} {Ms(sorted[^1])}  {note}");
    }

    static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture).PadLeft(7);

    // Nearest rank.
    static TimeSpan Percentile(List<TimeSpan> sorted, double fraction) => sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

    static ChangeSetPublished Edit(int n)
    {
        var edit = ProvinceWorld.Edit(n);
        return edit with { Features = [edit.Features[0] with { SourceVersion = $"{EditVersion}{n}" }] };
    }

    // Redline features are named H-{county} in ProvinceWorld.
    static string CountyOf(ChangeSetPublished edit) => edit.Features[0].Id[2..];

    static async Task StreamReachesAsync(ServiceHost hub, long sequence)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var streams = hub.Service<StreamStore>();
        while ((streams.All().SingleOrDefault(s => s.Stream == Sources.OneMap)?.LastSequence ?? 0) < sequence)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    static Dictionary<long, DateTimeOffset> AppliedAt(HubDatabase database)
    {
        using var connection = database.Open();
        return connection.Query(null, "SELECT sequence, applied_at FROM change_sets WHERE stream = $s",
                r => (Sequence: r.GetInt64(0), At: DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture)), ("$s", Sources.OneMap))
            .ToDictionary(r => r.Sequence, r => r.At);
    }

    /// <summary>
    /// Per county, each derivation of it after <paramref name="after"/> that saw an edit: the edit, the last revision
    /// the derivation wrote (a node that acknowledged it holds all of it), and when it was written (revised_at).
    /// </summary>
    static (Dictionary<string, List<(int Edit, long Through, DateTimeOffset WrittenAt)>> ByCounty, int Written) Derivations(UnitLogReader log, long after)
    {
        var entries = log.StreamLog(after, long.MaxValue, "national").ToList();

        var byCounty = new Dictionary<string, List<(int, long, DateTimeOffset)>>();
        // A derivation appends one county's changed units together, each code once: a run of one county with no code twice.
        for (var start = 0; start < entries.Count;)
        {
            var codes = new HashSet<string> { entries[start].Code };
            var end = start;
            while (end + 1 < entries.Count && entries[end + 1].County == entries[start].County && codes.Add(entries[end + 1].Code))
            {
                end++;
            }

            if (entries.Skip(start).Take(end - start + 1).SelectMany(e => e.Sources).Select(EditOf).Max() is { } edit)
            {
                var derivations = byCounty.TryGetValue(entries[start].County, out var list) ? list : byCounty[entries[start].County] = [];
                derivations.Add((edit, entries[end].Revision, entries[end].RevisedAt));
            }

            start = end + 1;
        }

        return (byCounty, entries.Count);
    }

    static int? EditOf(string citation) =>
        citation.IndexOf($"@{EditVersion}", StringComparison.Ordinal) is var at and >= 0
            ? int.Parse(citation.AsSpan(at + EditVersion.Length + 1), CultureInfo.InvariantCulture)
            : null;
}
