using System.Diagnostics;
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
    public static Task<int> RunAsync()
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
        Console.WriteLine($"peak working set:     {peak,7:F2} GB");
        return Task.FromResult(0);
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
