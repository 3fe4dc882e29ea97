using System.Diagnostics;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>Prometheus's own checker for an exposition, <c>promtool check metrics</c> (Debian package <c>prometheus</c>).</summary>
static class Promtool
{
    /// <returns>promtool's exit code and what it said; it lints too, and a lint problem is a non-zero exit.</returns>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "promtool")).FirstOrDefault(File.Exists);
        Assert.True(path is not null, "promtool is not installed: run infra/scripts/install-test-deps.sh as root (apt-get install prometheus).");
        using var process = Process.Start(new ProcessStartInfo(path!, ["check", "metrics"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, (await output) + (await errors));
    }
}
