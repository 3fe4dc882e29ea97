namespace ZoningHub.Samples.Source;

/// <summary>
/// Finds the county boundaries in the read-only reference data beside the repository (<c>../shared/data/</c>),
/// the way the tests do, so a library called from a test host, the embedded run or a tool needs no setting.
/// </summary>
static class SharedDataFinder
{
    const string Counties = "admin/china-counties.simplified.geojson";

    public static string CountiesFile()
    {
        if (Environment.GetEnvironmentVariable("ZONINGHUB_SHARED_DATA") is { Length: > 0 } configured)
        {
            return Path.Combine(configured, Counties);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", Counties);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"shared/data/{Counties} was not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; set ZONINGHUB_SHARED_DATA to the shared data folder or pass SampleOptions.CountiesFile.");
    }
}
