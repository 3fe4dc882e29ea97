using ZoningHub.Samples;

namespace ZoningHub.Standalone;

/// <summary>The embedded run's own settings (<c>Embedded:*</c>), with their defaults, read the same wherever they are used.</summary>
public static class EmbeddedSettings
{
    /// <summary>Where the samples and simulated edits are written, and the adapters' inboxes lie.</summary>
    public static string InboxRoot(IConfiguration configuration) => configuration["Embedded:InboxRoot"] ?? "data/inbox";

    public static string[] SampleProvinces(IConfiguration configuration) =>
        configuration.GetSection("Embedded:SampleProvinces").Get<string[]>() ?? [.. new SampleOptions().Provinces];

    /// <summary>
    /// The samples' settings, judged before anything starts: read by background services, a wrong one stopped the run
    /// from inside them (a negative interval) or only once it ran. Whether the provinces' counties are in the boundary
    /// file is known only when it is read, by the seeder (<see cref="SampleSeeder"/>).
    /// </summary>
    public static string? Problem(IConfiguration configuration)
    {
        if (SampleProvinces(configuration).FirstOrDefault(p => !SampleOptions.IsProvinceCode(p)) is { } bad)
        {
            return $"Embedded:SampleProvinces holds '{bad}'; each is a two-digit province code such as 33 (e.g. --Embedded:SampleProvinces:0=33).";
        }

        return configuration["Embedded:SimulateInterval"] is { } interval
            && (!TimeSpan.TryParse(interval, System.Globalization.CultureInfo.InvariantCulture, out var every) || every <= TimeSpan.Zero)
            ? $"Embedded:SimulateInterval is '{interval}'; give a positive time such as 00:00:10."
            : null;
    }

    /// <summary>
    /// Kestrel binds its endpoints as they are at start (the host's and each embedded node's): by default it binds them
    /// again when a settings file changes, and an edit while the run ran had it listen anywhere, published credentials and all.
    /// </summary>
    public static void BindAtStart(this IWebHostBuilder host) =>
        host.ConfigureKestrel((context, kestrel) => kestrel.Configure(context.Configuration.GetSection("Kestrel"), reloadOnChange: false));
}
