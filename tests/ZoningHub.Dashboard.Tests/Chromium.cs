namespace ZoningHub.Dashboard.Tests;

/// <summary>Debian's chromium, which the test command installs; Playwright's own browser download is never used.</summary>
static class Chromium
{
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("ZONINGHUB_CHROMIUM") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new FileNotFoundException("Chromium is not installed: run infra/scripts/install-test-deps.sh (apt-get install chromium), or set ZONINGHUB_CHROMIUM.");
}
