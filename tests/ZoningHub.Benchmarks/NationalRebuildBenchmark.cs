using System.Diagnostics;
using ZoningHub.Contracts;
using ZoningHub.Hub;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Testing;

namespace ZoningHub.Benchmarks;

/// <summary>
/// Derives units and conflicts for every coded county of the national file under sample layers, on both
/// cores, beside the same work on one core in the same run (goal ≤ 2 min, peak memory ≤ 4 GB).
/// </summary>
static class NationalRebuildBenchmark
{
    public static async Task<int> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var validation = ChangeSetValidator.Validate(SharedData.Counties("china-counties.simplified.geojson"), ValidationPolicy.Default with { MaxFeaturesPerChangeSet = 5_000 });
        var counties = validation.Upserts;
        var inputs = counties.Select(c => (County: c, Features: SampleLayers.For(c))).ToList();
        Console.WriteLine($"validated {counties.Count} counties ({validation.FeatureRejections.Count} rejected) and laid sample layers in {clock.Elapsed.TotalSeconds:F1} s");

        var oneCore = Time(() => inputs.Select(Derive).Sum());
        var bothCores = Time(() => inputs.AsParallel().WithDegreeOfParallelism(Environment.ProcessorCount).Select(Derive).Sum());
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024);
        Console.WriteLine($"one core (baseline):  {oneCore.Seconds,7:F1} s, {oneCore.Units} units");
        Console.WriteLine($"{Environment.ProcessorCount} cores:              {bothCores.Seconds,7:F1} s, {bothCores.Units} units ({oneCore.Seconds / bothCores.Seconds:F2}x)");
        Console.WriteLine($"peak working set:     {peak,7:F2} GB (pure core)");

        var (build, rebuild, revisions) = await ThroughTheHubAsync(validation, inputs);
        Console.WriteLine($"hub, first build:     {build.TotalSeconds,7:F1} s ({revisions} revisions written to SQLite)");
        Console.WriteLine($"hub, full rebuild:    {rebuild.TotalSeconds,7:F1} s (re-derives every county, writes nothing new)");
        Console.WriteLine($"peak working set:     {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024),7:F2} GB (whole run)");
        return 0;
    }

    /// <summary>The product path: the hub's own store and derivation worker, sources put in through intake's transaction.</summary>
    static async Task<(TimeSpan Build, TimeSpan Rebuild, long Revisions)> ThroughTheHubAsync(
        ChangeSetValidation counties, List<(SourceFeature County, IReadOnlyList<SourceFeature> Features)> inputs)
    {
        var data = Directory.CreateTempSubdirectory("zoninghub-bench-").FullName;
        await using var hub = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory", ["Hub:DataDirectory"] = data, ["Hub:PushCredential"] = "bench",
        }, withGrpc: false, b => b.AddServiceDefaults().AddHub().AddZoningHubBus(Topology.HubPrefix, r => r.AddHubConsumers()), app => app.MapHub());
        var intake = hub.Service<IntakeStore>();
        var sequence = 0L;
        IntakeItem Item(string layer, IReadOnlyList<SourceFeature> features)
        {
            var changeSet = new ChangeSetPublished { Stream = "natural-resources.one-map", Sequence = ++sequence, Department = "natural-resources", Layer = layer };
            return new IntakeItem(changeSet, new ChangeSetValidation([], [], features, [], []), $"bench-{sequence}", "{}");
        }

        // Department ownership is not the point here: every sample layer goes in through the one stream.
        var items = new List<IntakeItem> { Item(Layers.AdminDivision, counties.Upserts) };
        items.AddRange(inputs.SelectMany(i => i.Features).GroupBy(f => f.Layer).Select(g => Item(g.Key, [.. g])));
        var clock = Stopwatch.StartNew();
        intake.ApplyAll(items);
        hub.Service<DerivationSignal>().Wake();
        await DrainedAsync(hub);
        var build = clock.Elapsed;
        var revisions = hub.Service<UnitLogReader>().HeadRevision();

        clock.Restart();
        hub.Service<DerivationStore>().MarkAllCounties();
        hub.Service<DerivationSignal>().Wake();
        await DrainedAsync(hub);
        return (build, clock.Elapsed, revisions);
    }

    static async Task DrainedAsync(ServiceHost hub)
    {
        var store = hub.Service<DerivationStore>();
        while (!store.IsDrained())
        {
            await Task.Delay(50);
        }
    }

    static int Derive((SourceFeature County, IReadOnlyList<SourceFeature> Features) input)
    {
        var units = CountyDerivation.Derive(input.County, input.Features, AccessCatalogue.Default);
        _ = ConflictDetection.Detect(input.County, input.Features, units);
        return units.Count;
    }

    static (double Seconds, int Units) Time(Func<int> work)
    {
        var clock = Stopwatch.StartNew();
        var units = work();
        return (clock.Elapsed.TotalSeconds, units);
    }
}
