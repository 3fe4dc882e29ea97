using System.ComponentModel;
using System.Diagnostics;

namespace ZoningHub.Testing;

/// <summary>Runs a command to completion with a hard time limit, capturing its output.</summary>
internal static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Closed at once below, so no tool can sit waiting for input from the test host.
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        process.Start();
        process.StandardInput.Close();
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
            // The Debian scripts wrap the real tool in sh and su: the whole tree has to go.
            KillTree(process);
        }

        // A killed tree closes its pipes; the bound only guards against a grandchild that kept them open.
        var streams = Task.WhenAll(standardOutput, standardError);
        await Task.WhenAny(streams, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
        return new CommandResult(
            timedOut ? -1 : process.ExitCode,
            standardOutput.IsCompletedSuccessfully ? standardOutput.Result : string.Empty,
            standardError.IsCompletedSuccessfully ? standardError.Result : string.Empty,
            timedOut);
    }

    /// <summary>True when the command exists and exits 0 within the limit; false when it is missing.</summary>
    public static async Task<bool> SucceedsAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        try
        {
            return (await RunAsync(fileName, arguments, timeout)).Succeeded;
        }
        catch (Win32Exception)
        {
            // Not installed: the same answer as "not working" for every caller.
            return false;
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the time-out and the kill.
        }
    }
}
