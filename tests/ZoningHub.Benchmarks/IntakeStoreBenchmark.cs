using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ZoningHub.Hub;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Store;

namespace ZoningHub.Benchmarks;

/// <summary>
/// The intake stage without a broker: validation, fingerprint and the batched SQLite transaction, to see how
/// much of the hub's intake rate the store itself allows.
/// </summary>
static class IntakeStoreBenchmark
{
    public static Task<int> RunAsync(int count)
    {
        var data = Directory.CreateTempSubdirectory("zoninghub-bench-").FullName;
        var options = Options.Create(new HubOptions { DataDirectory = data, PushCredential = "bench" });
        var database = new HubDatabase(options);
        var store = new IntakeStore(database, new QuarantineStore(database));
        var messages = IntakeThroughputBenchmark.Messages(count);

        var clock = Stopwatch.StartNew();
        var items = messages.Select(m => new IntakeItem(m, ChangeSetValidator.Validate(m), ChangeSetFingerprint.Of(m), JsonSerializer.Serialize(m))).ToList();
        var prepared = clock.Elapsed;
        foreach (var batch in items.Chunk(100))
        {
            store.ApplyAll(batch);
        }

        var total = clock.Elapsed;
        Console.WriteLine($"validate + fingerprint: {count / prepared.TotalSeconds,8:F0} change sets/s");
        Console.WriteLine($"store (batches of 100): {count / (total - prepared).TotalSeconds,8:F0} change sets/s");
        Console.WriteLine($"both:                   {count / total.TotalSeconds,8:F0} change sets/s");
        Directory.Delete(data, recursive: true);
        return Task.FromResult(0);
    }
}
