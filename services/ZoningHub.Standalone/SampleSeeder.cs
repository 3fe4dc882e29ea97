using System.Globalization;
using ZoningHub.Samples;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Standalone;

/// <summary>
/// Gives the embedded run something to show: on the first start, generates every department's initial exports
/// (ZoningHub.Samples, from the real counties in ../shared/data/) straight into the adapters' inboxes, where the
/// inbox watchers take them once the files have stopped changing. Without the shared data it falls back to the
/// bundled Hangzhou boundaries. A marker file makes it once only; delete <c>data/</c> to seed again.
/// </summary>
public sealed class SampleSeeder(string inboxRoot, IReadOnlyList<string> provinces, IHostApplicationLifetime lifetime, ILogger<SampleSeeder> logger)
    : BackgroundService
{
    /// <summary>Written in the inbox root once the exports are written.</summary>
    public const string Marker = ".seeded";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var marker = Path.Combine(inboxRoot, Marker);
        if (File.Exists(marker))
        {
            return;
        }

        Directory.CreateDirectory(inboxRoot);
        try
        {
            var manifest = SampleExports.Write(inboxRoot, new SampleOptions { Provinces = provinces });
            logger.LogInformation("Sample exports written for {Counties} counties of provinces {Provinces}: {Files} files in {Inbox}",
                manifest.Counties, string.Join(", ", provinces), manifest.Files.Count, Path.GetFullPath(inboxRoot));
        }
        catch (ArgumentException e)
        {
            // Provinces the boundary file does not hold, or too wide for one projection zone: the operator's setting to
            // change, said as such, where the failure stopped the run as a background service's defect.
            logger.LogCritical("Sample exports not generated: {Reason} Set Embedded:SampleProvinces to provinces of the boundary file "
                + "(e.g. --Embedded:SampleProvinces:0=33 --Embedded:SampleProvinces:1=34). ZoningHub stops.", e.Message.Replace(" (Parameter 'options')", "", StringComparison.Ordinal));
            // Once started: stopped while it starts, the host reports the cancelled start with a stack trace instead.
            Environment.ExitCode = 2;
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
            return;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            // The shared data is missing (ZONINGHUB_SHARED_DATA pointing elsewhere, say) or unreadable: the run still starts.
            logger.LogWarning("Sample exports not generated ({Reason}); seeding the bundled Hangzhou boundaries only", e.Message);
            CopyBundled();
        }

        AtomicFile.WriteAllText(marker, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
    }, stoppingToken);

    void CopyBundled()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "samples", "exports");
        foreach (var file in Directory.Exists(samples) ? Directory.EnumerateFiles(samples, "*.geojson", SearchOption.AllDirectories) : [])
        {
            var target = Path.Combine(inboxRoot, Path.GetRelativePath(samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: false);
        }
    }
}
