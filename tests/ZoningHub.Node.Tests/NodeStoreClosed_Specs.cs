using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A node's host that stops closes its store's files: its pooled SQLite connections kept the store, its log and their
/// page caches open for the life of the process (three descriptors each), so a process that hosts nodes one after
/// another, as the benchmark's replaced node does, held every store it had ever opened.
/// </summary>
public sealed class When_a_nodes_host_stops
{
    [Fact]
    public async Task Should_close_its_stores_files()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // open files are read from /proc/self/fd; CI runs on Linux
        }

        using var data = new TemporaryDirectory("zoninghub-closed-");
        var node = new NodeHost("national-closed", "national", "hub-credential", data.Path);
        await node.StartAsync();
        // Several connections at once, as the push, the queries and the health check hold them.
        var counts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(node.UnitCount)));
        Assert.All(counts, count => Assert.Equal(0L, count));
        Assert.NotEmpty(OpenFilesUnder(data.Path));

        await node.StopAsync();

        Assert.Empty(OpenFilesUnder(data.Path));
    }

    static List<string> OpenFilesUnder(string directory) =>
    [
        .. new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Select(fd =>
            {
                try
                {
                    return fd.LinkTarget;
                }
                catch (IOException)
                {
                    return null; // closed between the listing and the look
                }
            })
            .OfType<string>()
            .Where(target => target.StartsWith(directory, StringComparison.Ordinal)),
    ];
}
