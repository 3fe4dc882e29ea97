using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using ZoningHub.Benchmarks.Grpc;
using ZoningHub.Contracts.Grpc.Push.V1;

namespace ZoningHub.Benchmarks;

/// <summary>
/// A just-started hub's first snapshot to a fresh node beside a just-started process's first raw stream of the same
/// chunks, each run in a new process of its own. A hub that starts is a new process, its code not yet compiled, and so
/// is a fresh node's; inside the benchmark's own process the raw stream is warmed before it is timed, and hubs started
/// there share the code earlier runs compiled. Here both sides start alike: nothing either runs has been compiled.
/// </summary>
static class JustStartedProcesses
{
    /// <summary>The benchmark's argument that runs one side in this process (<see cref="RunOneAsync"/>).</summary>
    public const string Mode = "snapshot-just-started";

    /// <summary>Runs the raw stream's process and the hub's, alternately, <paramref name="repetitions"/> times each.</summary>
    /// <returns>Each run's raw stream and snapshot, measured inside its own process.</returns>
    public static async Task<(List<Cost> Raw, List<Cost> Snapshots)> RunAsync(string hubData, IReadOnlyList<SnapshotChunk> chunks, string directory, int repetitions)
    {
        Directory.CreateDirectory(directory);
        var chunkFile = Path.Combine(directory, "chunks.bin");
        using (var file = File.Create(chunkFile))
        {
            foreach (var chunk in chunks)
            {
                chunk.WriteDelimitedTo(file);
            }
        }

        var units = chunks.Sum(c => c.Units.Count).ToString(CultureInfo.InvariantCulture);
        var (raw, snapshots) = (new List<Cost>(), new List<Cost>());
        for (var run = 1; run <= repetitions; run++)
        {
            raw.Add(await InNewProcessAsync("raw", chunkFile, units));
            var nodes = Path.Combine(directory, $"nodes-{run}");
            snapshots.Add(await InNewProcessAsync("hub", hubData, nodes, units));
            BenchNode.RemoveStores(nodes);
        }

        File.Delete(chunkFile);
        return (raw, snapshots);
    }

    /// <summary>In a process <see cref="RunAsync"/> started: one side, measured, its cost printed as the last line.</summary>
    public static async Task<int> RunOneAsync(string[] args)
    {
        var cost = args switch
        {
            ["raw", var chunkFile, var units] => await FirstRawStreamAsync(chunkFile, int.Parse(units, CultureInfo.InvariantCulture)),
            ["hub", var hubData, var nodes, var units] => (await SnapshotThroughputBenchmark.HubSnapshotAsync(hubData, nodes, 1, int.Parse(units, CultureInfo.InvariantCulture))).Snapshot,
            _ => throw new ArgumentException($"usage: {Mode} raw <chunk file> <units> | hub <hub data> <nodes directory> <units>"),
        };
        Console.WriteLine(cost.ToLine());
        return 0;
    }

    /// <summary>
    /// The raw stream's server and client started in this process and the stream sent once, after one unary call:
    /// before a snapshot the hub has asked the node's state and begun the snapshot, each a unary call over the same
    /// connection, so the connection is open and the unary path compiled on both sides, the streaming path not.
    /// </summary>
    static async Task<Cost> FirstRawStreamAsync(string chunkFile, int units)
    {
        var chunks = new List<SnapshotChunk>();
        using (var file = File.OpenRead(chunkFile))
        {
            while (file.Position < file.Length)
            {
                chunks.Add(SnapshotChunk.Parser.ParseDelimitedFrom(file));
            }
        }

        await using var server = await RawChunksService.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.GrpcUrl!);
        await new RawChunks.RawChunksClient(channel).ReadyAsync(new Empty());
        return await Cost.OfAsync(() => SnapshotThroughputBenchmark.RawStreamAsync(channel, chunks, units));
    }

    static async Task<Cost> InNewProcessAsync(params string[] args)
    {
        // `dotnet ZoningHub.Benchmarks.dll` runs the host with the assembly as its argument; the apphost (`dotnet run`) runs it itself.
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(JustStartedProcesses).Assembly.Location);
        }

        foreach (var argument in (string[])[Mode, .. args])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var (output, errors) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the just-started {args[0]} process did not finish in 5 minutes: {await errors}");
        }

        // Its own log lines may come before the cost's line.
        var printed = await output;
        return process.ExitCode == 0 && printed.Split('\n', StringSplitOptions.TrimEntries).Select(Cost.FromLine).LastOrDefault(c => c is not null) is { } cost
            ? cost
            : throw new InvalidOperationException($"the just-started {args[0]} process exited with {process.ExitCode} and no cost: {await errors}{printed}");
    }
}
