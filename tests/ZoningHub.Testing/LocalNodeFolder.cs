using System.Globalization;

namespace ZoningHub.Testing;

/// <summary>
/// The files of one throwaway node under /tmp, and how to clear away nodes whose test run died without
/// disposing them (a killed test host never reaches DisposeAsync).
/// </summary>
internal sealed class LocalNodeFolder(string path, string nodeName)
{
    // Fixed /tmp rather than Path.GetTempPath(): TMPDIR may point into a home the rabbitmq user cannot enter.
    private const string Root = "/tmp";
    private const string Prefix = "zh-test-";

    public string Path => path;

    public string NodeName => nodeName;

    public string PidFile => System.IO.Path.Combine(path, "rabbitmq.pid");

    public string LogFile => System.IO.Path.Combine(path, "log", $"{nodeName}.log");

    /// <summary>Holds the test host's process id, so a later run can tell an orphan from a neighbour's node.</summary>
    private string OwnerFile => System.IO.Path.Combine(path, "owner.pid");

    public static LocalNodeFolder CreateNew()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var folder = new LocalNodeFolder(System.IO.Path.Combine(Root, Prefix + id), $"{Prefix}{id}@localhost");
        Directory.CreateDirectory(folder.Path);
        File.WriteAllText(folder.OwnerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return folder;
    }

    /// <summary>Kills and deletes the nodes of test hosts that no longer run; leaves live runs alone.</summary>
    public static void RemoveOrphans()
    {
        foreach (var directory in Directory.EnumerateDirectories(Root, Prefix + "*"))
        {
            var id = System.IO.Path.GetFileName(directory)[Prefix.Length..];
            var folder = new LocalNodeFolder(directory, $"{Prefix}{id}@localhost");
            var owner = ReadPid(folder.OwnerFile);
            var orphaned = owner is null
                ? Directory.GetCreationTimeUtc(directory) < DateTime.UtcNow.AddHours(-1)
                : !IsAlive(owner.Value);
            if (!orphaned)
            {
                continue;
            }

            try
            {
                folder.KillNode();
                folder.Delete();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Tidying up is a courtesy; a folder we cannot remove must not fail this run.
            }
        }
    }

    /// <summary>The node's OS process, if the pid file names a live process that really is this node.</summary>
    public int? RunningNodePid()
    {
        var pid = ReadPid(PidFile);
        if (pid is null || !IsAlive(pid.Value))
        {
            return null;
        }

        // A pid file can outlive its node and the number be reused: only kill what is this node. RabbitMQ 3.10
        // keeps the node name off the command line, but the server inherits it in its environment.
        try
        {
            // NUL-separated; a leading NUL makes the first entry match like the others.
            var environment = "\0" + File.ReadAllText($"/proc/{pid}/environ");
            return environment.Contains($"\0RABBITMQ_NODENAME={nodeName}\0", StringComparison.Ordinal) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void KillNode()
    {
        if (RunningNodePid() is not { } pid)
        {
            return;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // Gone already.
        }
        catch (InvalidOperationException)
        {
            // Exited while being killed.
        }
    }

    public string LogTail(int lines)
    {
        try
        {
            var all = File.ReadAllLines(LogFile);
            return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException)
        {
            return $"(no log at {LogFile})";
        }
    }

    public void Delete()
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone: nothing to clean.
        }
    }

    private static int? ReadPid(string file)
    {
        try
        {
            var text = File.ReadAllText(file).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");
}
