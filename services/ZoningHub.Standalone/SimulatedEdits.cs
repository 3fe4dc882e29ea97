using System.Globalization;
using ZoningHub.Samples;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Standalone;

/// <summary>
/// <c>--Embedded:Simulate=true</c>: plays the samples' later stages into the inboxes one after another, so an
/// operator watching the dashboard sees changes flow, conflicts open and close, and nodes catch up. Each
/// stage played is remembered, so a restart goes on with the next one instead of starting over.
/// </summary>
/// <param name="afterSeeding">
/// Whether the first start seeds the samples' initial exports: the first stage is then played only once they are
/// written, or a stage's edits could be taken before the state they edit.
/// </param>
public sealed class SimulatedEdits(string inboxRoot, IReadOnlyList<string> provinces, TimeSpan interval, bool afterSeeding, ILogger<SimulatedEdits> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (afterSeeding && !File.Exists(Path.Combine(inboxRoot, SampleSeeder.Marker)))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        }

        var played = Path.Combine(inboxRoot, ".simulated");
        for (var stage = Played(played) + 1; stage <= SampleExports.LastStage; stage++)
        {
            // The first wait also lets the seeded exports be taken and derived before the first edits arrive.
            await Task.Delay(interval, stoppingToken);
            try
            {
                var manifest = await Task.Run(() => SampleExports.Write(inboxRoot, new SampleOptions { Provinces = provinces, Stage = stage }), stoppingToken);
                AtomicFile.WriteAllText(played, stage.ToString(CultureInfo.InvariantCulture));
                logger.LogInformation("Simulated stage {Stage} of {Last}: {Edits} edits in {Files} files", stage, SampleExports.LastStage, manifest.Edits.Count, manifest.Files.Count);
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
            {
                // A demonstration, not the product: without its shared data it stops, and the run goes on without it.
                logger.LogWarning("Simulated edits stopped at stage {Stage}: {Reason}", stage, e.Message);
                return;
            }
        }
    }

    /// <summary>The last stage played; its marker is written whole (a crash leaves the one before), and one unreadable counts as none, so stages are played again.</summary>
    static int Played(string path) =>
        File.Exists(path) && int.TryParse(File.ReadAllText(path), CultureInfo.InvariantCulture, out var stage) ? stage : 0;
}
