using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZoningHub.Benchmarks.Grpc;
using ZoningHub.Contracts;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Hub;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Push;
using ZoningHub.Hub.Store;
using ZoningHub.Node;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Benchmarks;

/// <summary>
/// A fresh national node taking the snapshot of a national store (coded counties under sample layers), in units/s
/// and MB/s, beside a raw gRPC client stream of the same chunk messages to a server that stores nothing, in the same
/// run (goal: at least half the raw rate). Each case is paired with a raw stream in the same state as itself: a
/// just-started hub's first snapshot with a just-started process's first stream, each in a new process
/// (<see cref="JustStartedProcesses"/>), and a running hub's with a stream warmed by one untimed run first. A hub
/// restarted inside this process, whose code earlier runs have partly compiled, is shown too, against the warmed stream.
/// Figures are medians of nine. The stages (the hub reading the units it sends into memory, the node's store taking
/// them, its completion) are timed alone, to show where time goes, and the processor time of each raw stream and
/// snapshot is measured: with both busy on every core, their ratio is what bounds the snapshot's rate against the raw
/// stream's.
/// </summary>
static class SnapshotThroughputBenchmark
{
    const int Repetitions = 9;
    const double MB = 1_000_000;

    // The hub names a snapshot by a GUID in this form, so the baseline's chunks carry the same bytes.
    static readonly string SnapshotId = Guid.NewGuid().ToString("N");

    public static async Task<int> RunAsync(int countyLimit)
    {
        using var data = new TemporaryDirectory("zoninghub-bench-");
        // ZONINGHUB_BENCH_HUB_STORE keeps the built hub store between runs (it takes most of a run to build).
        var hubData = Environment.GetEnvironmentVariable("ZONINGHUB_BENCH_HUB_STORE") ?? Path.Combine(data.Path, "hub");
        if (File.Exists(Path.Combine(hubData, "hub.db")))
        {
            Console.WriteLine($"national store: reused from {hubData}");
        }
        else
        {
            var (counties, build) = await BuildStoreAsync(hubData, countyLimit);
            Console.WriteLine($"national store: {counties} counties under sample layers, built and derived in {build.TotalSeconds:F0} s");
        }

        var log = new UnitLogReader(new HubDatabase(Options.Create(new HubOptions { DataDirectory = hubData, PushCredential = "bench" })));
        var chunks = ReadChunks(log);
        var units = chunks.Sum(c => c.Units.Count);
        var bytes = chunks.Sum(c => c.Units.Sum(u => (long)u.Length));
        // Decoded one at a time: tens of thousands of parsed units kept alive would slow every later collection.
        var (geometry, access) = chunks.SelectMany(c => c.Units).Select(UnitRevision.Parser.ParseFrom)
            .Aggregate((0L, 0L), (sum, u) => (sum.Item1 + u.GeometryWkb.Length, sum.Item2 + u.AccessList.Sum(CodedOutputStream.ComputeMessageSize)));
        Console.WriteLine($"snapshot: {units} units, {bytes / MB:F1} MB of unit messages ({geometry / MB:F1} MB geometry, {access / MB:F1} MB access lists), "
            + $"in {chunks.Count} chunks of at most {new HubOptions().PushBatchBytes / 1024} KiB (Hub:PushBatchBytes default)");

        // First, while this process is otherwise idle: each side in a new process of its own, where nothing is compiled yet.
        var settled = new List<TimeSpan> { await SettledAsync() };
        var (startedRaw, started) = await JustStartedProcesses.RunAsync(hubData, chunks, Path.Combine(data.Path, "just-started"), Repetitions);

        // Warmed first, as the raw stream is below, so that neither is timed while the runtime still compiles its code.
        var hubRead = Enumerable.Range(0, Repetitions + 1).Select(_ => Cost.Of(() => ReadIntoMemory(log))).Skip(1).ToList();
        var encoded = chunks.Select(c => c.ToByteArray()).ToList();
        var lastCode = UnitRevision.Parser.ParseFrom(chunks[^1].Units[^1]).Code;
        var nodeStore = Enumerable.Range(0, Repetitions + 1).Select(i => NodeStoreAlone(encoded, lastCode, Path.Combine(data.Path, "stores"), i)).Skip(1).ToList();
        var diskWrite = Enumerable.Range(0, Repetitions + 1).Select(i => Cost.Of(() => WrittenToDisk(chunks, Path.Combine(data.Path, $"disk-{i}")))).Skip(1).ToList();

        await using var raw = await RawChunksService.StartAsync();
        using var channel = GrpcChannel.ForAddress(raw.GrpcUrl!);
        // Not counted: the first calls open the HTTP/2 connection and compile the paths.
        await RawStreamAsync(channel, chunks, units);
        settled.Add(await SettledAsync());

        var (rawStreams, restarted, sinceStart) = (new List<Cost>(), new List<Cost>(), new List<TimeSpan>());
        for (var i = 1; i <= Repetitions; i++)
        {
            rawStreams.Add(await Cost.OfAsync(() => RawStreamAsync(channel, chunks, units)));
            var (snapshot, fromStart) = await HubSnapshotAsync(hubData, Path.Combine(data.Path, "nodes"), i, units);
            BenchNode.RemoveStores(Path.Combine(data.Path, "nodes"));
            restarted.Add(snapshot);
            sinceStart.Add(fromStart);
        }

        settled.Add(await SettledAsync());
        var (replacedRaw, replaced) = await ReplacedNodeSnapshotsAsync(hubData, Path.Combine(data.Path, "replaced"), units, () => Cost.OfAsync(() => RawStreamAsync(channel, chunks, units)));
        settled.Add(await SettledAsync());
        var (removedRaw, removed) = await RemovedStoreSnapshotsAsync(hubData, Path.Combine(data.Path, "removed"), units, () => Cost.OfAsync(() => RawStreamAsync(channel, chunks, units)));

        var stream = rawStreams.Select(c => c.Wall).ToList();
        void Row(string what, TimeSpan time, string note = "") =>
            Console.WriteLine($"{what,-58} {time.TotalSeconds,7:F3} s {units / time.TotalSeconds,9:F0} units/s {bytes / MB / time.TotalSeconds,7:F1} MB/s  {note}");
        void PairedRows(string baseline, List<Cost> raw, string what, List<Cost> taken)
        {
            // Each snapshot runs beside a raw stream, just before or after it: the ratio of each pair shares the
            // machine's state of that moment, where the medians of each may come from moments apart on a machine
            // whose speed wanders.
            var paired = raw.Zip(taken, (r, t) => r.Wall / t.Wall).Order().ToList();
            Row(baseline, Median(raw.Select(c => c.Wall)), $"processor time {Ms(Median(raw.Select(c => c.Cpu)))}, {Ms(Median(raw.Select(c => c.Compiling)))} compiling");
            Row(what, Median(taken.Select(c => c.Wall)),
                $"{Median(raw.Select(c => c.Wall)) / Median(taken.Select(c => c.Wall)):F2}x of raw, {paired[paired.Count / 2]:F2}x the median of each run's with its raw stream (goal ≥ 0.50x); "
                + $"processor time {Ms(Median(taken.Select(c => c.Cpu)))}, {Ms(Median(taken.Select(c => c.Compiling)))} compiling, "
                + $"{Ms(Median(taken.Select(c => c.Paused)))} paused for the collector "
                + $"(each run, s / processor / compiling / paused: {string.Join(", ", taken.Select(Described))})");
        }

        // A slow run says whether the runtime was compiling or collecting meanwhile.
        static string Described(Cost c) => string.Create(CultureInfo.InvariantCulture,
            $"{c.Wall.TotalSeconds:F3}/{c.Cpu.TotalMilliseconds:F0}/{c.Compiling.TotalMilliseconds:F0}/{c.Paused.TotalMilliseconds:F0}");
        Console.WriteLine($"medians of {Repetitions}; each side alike, a raw stream received by a server that stores nothing:");
        PairedRows("raw stream, a just-started process's first (baseline)", startedRaw,
            "just-started hub's first snapshot to a fresh national node", started);
        PairedRows("raw stream, warmed (baseline)", replacedRaw, "hub already running, node replaced by a fresh one", replaced);
        PairedRows("raw stream, warmed (baseline)", removedRaw, "hub and node running, the node's store removed", removed);
        Console.WriteLine("not alike: a hub restarted in this process, after the raw stream was warmed; the runs before compiled some of its code, not all:");
        Row("  raw stream, warmed (baseline)", Median(stream));
        Row("  hub restarted, snapshot to a fresh national node", Median(restarted.Select(c => c.Wall)),
            $"{Median(stream) / Median(restarted.Select(c => c.Wall)):F2}x of raw; processor time {Ms(Median(restarted.Select(c => c.Cpu)))}, "
            + $"{Ms(Median(restarted.Select(c => c.Compiling)))} compiling (each run, s / processor / compiling / paused: {string.Join(", ", restarted.Select(Described))})");
        Row("  the same, from hub start to snapshot complete", Median(sinceStart));
        Console.WriteLine("where the snapshot's time goes (each stage alone; a running hub sends from memory, its first snapshot after a start reads first):");
        Row("  hub loads the units it sends (SQLite → memory, once)", Median(hubRead.Select(c => c.Wall)));
        Row("  node store takes the chunks (file + SQLite rows)", Median(nodeStore.Select(s => s.Chunks)));
        Row("  node store completes (staged chunks → base)", Median(nodeStore.Select(s => s.Complete)));
        Row("  the same bytes to a plain file on the node's disk, synced", Median(diskWrite.Select(c => c.Wall)),
            $"{Median(diskWrite.Select(c => c.Wall)) / Median(stream):F2}x the warmed raw stream's time: a floor no durable snapshot goes under");
        Console.WriteLine($"processor time of the stages alone: hub loading {Ms(Median(hubRead.Select(c => c.Cpu)))}; "
            + $"node store {Ms(Median(nodeStore.Select(s => s.Cpu)))} (in {Ms(Median(nodeStore.Select(s => s.Chunks + s.Complete)))})");
        // Processor time is the whole process's (hub, node and the runtime's own threads), so it is the work each run
        // costs the machine. When both runs keep every core busy, their times are in the ratio of that work.
        Console.WriteLine($"a running hub's snapshot to a fresh node costs {Median(replaced.Select(c => c.Cpu)) / Median(replacedRaw.Select(c => c.Cpu)):F1}x the raw stream's processor time, "
            + $"a just-started hub's {Median(started.Select(c => c.Cpu)) / Median(startedRaw.Select(c => c.Cpu)):F1}x; with every core busy in both, half the raw rate needs at most 2x");
        Console.WriteLine($"before each case the runtime was let finish compiling what the case before ran: {string.Join(", ", settled.Select(Ms))}");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return 0;
    }

    /// <summary>Every coded county of the national file (or the first <paramref name="limit"/>) with sample layers, put in through intake's transaction and derived by the hub.</summary>
    static async Task<(int Counties, TimeSpan Elapsed)> BuildStoreAsync(string hubData, int limit)
    {
        var clock = Stopwatch.StartNew();
        var policy = ValidationPolicy.Default with { MaxFeaturesPerChangeSet = 5_000 };
        var counties = ChangeSetValidator.Validate(SharedData.Counties("china-counties.simplified.geojson"), policy).Upserts.Take(limit).ToList();
        var sequence = 0L;
        IntakeItem Item(string layer, IReadOnlyList<SourceFeature> features)
        {
            var changeSet = new ChangeSetPublished { Stream = Sources.OneMap, Sequence = ++sequence, Department = "natural-resources", Layer = layer };
            return new IntakeItem(changeSet, new ChangeSetValidation([], [], features, [], []), $"bench-{sequence}", "{}");
        }

        var items = new List<IntakeItem> { Item(Layers.AdminDivision, counties) };
        items.AddRange(counties.SelectMany(SampleLayers.For).GroupBy(f => f.Layer).Select(g => Item(g.Key, [.. g])));
        await using var hub = await BenchHub.StartAsync(hubData, []);
        hub.Service<IntakeStore>().ApplyAll(items);
        hub.Service<DerivationSignal>().Wake();
        await BenchHub.DrainedAsync(hub);
        return (counties.Count, clock.Elapsed);
    }

    /// <summary>The national scope's chunks exactly as the pusher cuts and sends them.</summary>
    static List<SnapshotChunk> ReadChunks(UnitLogReader log)
    {
        var chunks = new List<SnapshotChunk>();
        var after = "";
        var units = new SnapshotSource(log).UnitsAsync(log.HeadRevision(), SnapshotRange.Of("national", after), CancellationToken.None);
        foreach (var chunk in new PushBatches(log, new HubOptions().PushBatchBytes).SnapshotChunksAsync(units).ToBlockingEnumerable())
        {
            chunks.Add(new SnapshotChunk { SnapshotId = SnapshotId, AfterCode = after, Units = { chunk.Select(u => u.Message) } });
            after = chunk[^1].Code;
        }

        return chunks;
    }

    /// <summary>
    /// The hub's read of the units snapshots send from its store into memory, whole (SnapshotSource.AtLeast). Its first
    /// snapshot after a start makes the same read, sending the units as they come.
    /// </summary>
    static void ReadIntoMemory(UnitLogReader log) => GC.KeepAlive(new SnapshotSource(log).AtLeast(log.HeadRevision()));

    /// <summary>Restarts the hub with a new, empty national node registered and times the snapshot from the node's start of it to its durable completion.</summary>
    /// <returns>
    /// From BeginSnapshot (the node's started_at) to the node's answer to CompleteSnapshot, which it gives once the
    /// completion's commit has synced every chunk to disk, with the processor time meanwhile,
    /// and from hub start to the completion's reply.
    /// </returns>
    internal static async Task<(Cost Snapshot, TimeSpan SinceStart)> HubSnapshotAsync(string hubData, string nodesDirectory, int run, int units)
    {
        await using var node = await BenchNode.StartAsync($"national-{run}-{SnapshotId[..8]}", "national", nodesDirectory);
        await using var processor = ProcessorTimeline.Start();
        var clock = Stopwatch.StartNew();
        TimeSpan sinceStart;
        await using (var hub = await BenchHub.StartAsync(hubData, [node]))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            while (node.Acks.Latest < 0)
            {
                await Task.Delay(5, timeout.Token);
            }

            sinceStart = clock.Elapsed;

            // Stopped only once the pusher is idle again (it checks the new node's digest next), not in the middle of a call.
            using var hubStore = hub.Service<HubDatabase>().Open();
            while (hubStore.Scalar<long>(null, "SELECT COUNT(*) FROM node_digests WHERE node_id = $n", ("$n", node.Id)) == 0)
            {
                await Task.Delay(20, timeout.Token);
            }
        }

        using var connection = node.Service<NodeDatabase>().Open();
        var (taken, started) = connection.Query(null, "SELECT units, started_at FROM snapshots_taken", r => (r.GetInt64(0), Parse(r.GetString(1)))).Single();
        var completed = node.Acks.FirstAt(0) ?? throw new InvalidOperationException($"node {node.Id} never answered its snapshot's completion");
        if (taken != units)
        {
            throw new InvalidOperationException($"node {node.Id} took {taken} units in its snapshot, not {units}");
        }

        var (used, compiling, paused) = processor.Between(started, completed);
        return (new Cost(completed - started, used) { Compiling = compiling, Paused = paused }, sinceStart);
    }

    /// <summary>
    /// The hub started once, with one national node registered; after its first snapshot the node is replaced, run
    /// after run, by a fresh one (an empty store) where the hub expects it, as a reinstalled machine would be. The
    /// hub's own start (compiling its code, its first rounds) is then not inside the timed snapshot, as it is above.
    /// </summary>
    /// <returns>The raw stream and the snapshot of each run, alternating, the raw stream with the hub idle beside it.</returns>
    static async Task<(List<Cost> Raw, List<Cost> Snapshots)> ReplacedNodeSnapshotsAsync(string hubData, string nodesDirectory, int units, Func<Task<Cost>> rawStream)
    {
        var (ports, id) = (Testing.FreeTcpPort.Find(2), $"replaced-{SnapshotId[..8]}");
        var node = await BenchNode.StartAsync(id, "national", Path.Combine(nodesDirectory, "0"), ports);
        var (raw, snapshots) = (new List<Cost>(), new List<Cost>());
        await using (var hub = await BenchHub.StartAsync(hubData, [node]))
        {
            await using var processor = ProcessorTimeline.Start();
            for (var run = 0; run <= Repetitions; run++)
            {
                if (run > 0)
                {
                    await node.RemoveAsync();
                    node = await BenchNode.StartAsync(id, "national", Path.Combine(nodesDirectory, $"{run}"), ports);
                }

                var snapshot = await SnapshotTakenAsync(node, processor, units);
                // Not counted: the first snapshot is the hub's just after its start.
                if (run > 0)
                {
                    snapshots.Add(snapshot);
                    raw.Add(await rawStream());
                }
            }
        }

        await node.RemoveAsync();
        return (raw, snapshots);
    }

    /// <summary>
    /// The hub and one national node started once; after the node's first snapshot, run after run, its store is
    /// removed underneath it, as a disk replaced under a running node would be (a case issue 5 names), and the hub
    /// sends it a snapshot. Neither process is new, so nothing is compiled for a new host inside the timed snapshot,
    /// as nothing is for the raw stream, which is warmed before it is timed.
    /// </summary>
    /// <returns>The raw stream and the snapshot of each run, alternating, the raw stream with the hub idle beside it.</returns>
    static async Task<(List<Cost> Raw, List<Cost> Snapshots)> RemovedStoreSnapshotsAsync(string hubData, string nodesDirectory, int units, Func<Task<Cost>> rawStream)
    {
        await using var node = await BenchNode.StartAsync($"removed-{SnapshotId[..8]}", "national", nodesDirectory);
        var store = node.Service<NodeDatabase>();
        var (raw, snapshots) = (new List<Cost>(), new List<Cost>());
        await using var hub = await BenchHub.StartAsync(hubData, [node]);
        await using var processor = ProcessorTimeline.Start();
        for (var run = 0; run <= Repetitions; run++)
        {
            if (run > 0)
            {
                // Pooled connections would go on writing to the removed file; the store sees it gone at its next open.
                node.CloseStoreConnections();
                foreach (var file in new[] { store.Path, store.Path + "-wal", store.Path + "-shm" })
                {
                    File.Delete(file);
                }
            }

            var snapshot = await SnapshotTakenAsync(node, processor, units);
            if (run > 0)
            {
                snapshots.Add(snapshot);
                raw.Add(await rawStream());
            }
        }

        return (raw, snapshots);
    }

    /// <summary>Waits for the node's snapshot and its digest check, and times it from the node's start of it to its durable completion (its answer to CompleteSnapshot).</summary>
    static async Task<Cost> SnapshotTakenAsync(BenchNode node, ProcessorTimeline processor, int units)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var store = node.Service<NodeDatabase>();
        List<(long Units, DateTimeOffset Started, DateTimeOffset Completed)> taken;
        do
        {
            await Task.Delay(20, timeout.Token);
            using var connection = store.Open();
            taken = connection.Query(null, "SELECT units, started_at, completed_at FROM snapshots_taken",
                r => (r.GetInt64(0), Parse(r.GetString(1)), Parse(r.GetString(2))));
        }
        while (taken.Count == 0);

        var (count, started, _) = taken.Single();
        DateTimeOffset? completed;
        while ((completed = node.Acks.FirstAfter(started)) is null)
        {
            await Task.Delay(5, timeout.Token);
        }

        if (count != units)
        {
            throw new InvalidOperationException($"node {node.Id} took {count} units in its snapshot, not {units}");
        }

        // Let the hub's digest check after the snapshot pass before anything else is timed.
        await Task.Delay(500, timeout.Token);
        var (used, compiling, paused) = processor.Between(started, completed.Value);
        return new Cost(completed.Value - started, used) { Compiling = compiling, Paused = paused };
    }

    /// <summary>
    /// Waits until the runtime has stopped compiling in the background (up to 30 s): after the just-started hubs' runs
    /// its tiered compilation of their code took 1.8 s of one of the two cores (session 20), and the first runs of
    /// the next case, and the raw streams beside them, were timed against it.
    /// </summary>
    /// <returns>How long that took.</returns>
    static async Task<TimeSpan> SettledAsync()
    {
        var clock = Stopwatch.StartNew();
        TimeSpan compiled;
        do
        {
            var before = System.Runtime.JitInfo.GetCompilationTime();
            await Task.Delay(250);
            compiled = System.Runtime.JitInfo.GetCompilationTime() - before;
        }
        while (compiled > TimeSpan.FromMilliseconds(2) && clock.Elapsed < TimeSpan.FromSeconds(30));

        return clock.Elapsed;
    }

    /// <summary>
    /// The node's store taking the same chunks directly, from their encoded bytes as a call brings them (each read into
    /// the store's framing, then taken): its reading and SQLite work without gRPC or the hub, and without reading ahead.
    /// </summary>
    static (TimeSpan Chunks, TimeSpan Complete, TimeSpan Cpu) NodeStoreAlone(List<byte[]> encoded, string lastCode, string directory, int run)
    {
        var options = Options.Create(new NodeOptions { Id = $"store-{run}", Scope = "national", HubCredential = "bench", DataDirectory = directory });
        var store = new NodeUnitStore(new NodeDatabase(options), options);
        var (clock, cpu) = (Stopwatch.StartNew(), Cost.ProcessorTime());
        store.BeginSnapshot(new BeginSnapshotRequest { HubId = "hub", LogId = "bench", SnapshotId = SnapshotId, AsOfRevision = 1, Scope = "national" });
        foreach (var bytes in encoded)
        {
            using var chunk = ReceivedChunk.Parse(new ReadOnlySequence<byte>(bytes));
            store.ApplySnapshotChunk(chunk);
        }

        var taken = clock.Elapsed;
        store.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = SnapshotId, LastCode = lastCode });
        var (complete, used) = (clock.Elapsed - taken, Cost.ProcessorTime() - cpu);
        BenchNode.RemoveStores(directory);
        return (taken, complete, used);
    }

    /// <summary>
    /// The chunks' unit bytes appended to a new file, a write per chunk, and synced to disk once: what durability alone
    /// costs on this machine's disk, which the raw stream (storing nothing) does not pay and the snapshot must.
    /// </summary>
    static void WrittenToDisk(List<SnapshotChunk> chunks, string path)
    {
        var buffer = new byte[chunks.Max(c => c.Units.Sum(u => u.Length))];
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            foreach (var chunk in chunks)
            {
                var length = 0;
                foreach (var unit in chunk.Units)
                {
                    unit.Span.CopyTo(buffer.AsSpan(length));
                    length += unit.Length;
                }

                file.Write(buffer, 0, length);
            }

            file.Flush(flushToDisk: true);
        }

        File.Delete(path);
    }

    internal static async Task<TimeSpan> RawStreamAsync(GrpcChannel channel, List<SnapshotChunk> chunks, int units)
    {
        var client = new RawChunks.RawChunksClient(channel);
        var clock = Stopwatch.StartNew();
        using var call = client.Send(deadline: DateTime.UtcNow.AddMinutes(5));
        foreach (var chunk in chunks)
        {
            await call.RequestStream.WriteAsync(chunk);
        }

        await call.RequestStream.CompleteAsync();
        var progress = await call;
        if (progress.UnitsReceived != units)
        {
            throw new InvalidOperationException($"the raw stream counted {progress.UnitsReceived} units, not {units}");
        }

        return clock.Elapsed;
    }

    static DateTimeOffset Parse(string stamp) => DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture);

    static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:F0} ms";

    static TimeSpan Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
