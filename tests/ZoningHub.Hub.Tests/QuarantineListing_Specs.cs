using System.Globalization;
using System.Text.Json;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review: the quarantine's listing is anonymous (the dashboard polls it every two seconds) and leaves the refused change
/// sets out, yet it read every listed entry's change set, a department's export of up to megabytes, to answer with
/// its reasons alone: up to 1,000 of them per request, which anyone can ask for.
/// </summary>
public sealed class When_anyone_lists_the_quarantine
{
    [Fact]
    public async Task Should_not_read_the_refused_change_sets_it_leaves_out()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var quarantine = hub.Service<QuarantineStore>();
        const int Entries = 10;
        for (var i = 1; i <= Entries; i++)
        {
            Refuse(quarantine, i, Circle(120.5, 30.5, 0.4, 8));
        }

        var (small, smallBytes) = await MeasureAsync(hub, $"/api/quarantine?limit={Entries}");

        // As many entries again, newer, so the same listing now names these: the same reasons, with exports of a few megabytes.
        for (var i = Entries + 1; i <= 2 * Entries; i++)
        {
            Refuse(quarantine, i, Circle(120.5, 30.5, 0.4, 60_000));
        }

        var (large, largeBytes) = await MeasureAsync(hub, $"/api/quarantine?limit={Entries}");
        Assert.True(large < 3 * small,
            $"GET /api/quarantine?limit={Entries} ({largeBytes:N0}-byte answer) allocated {large:N0} bytes over entries with large change sets, "
            + $"{small:N0} ({smallBytes:N0}-byte answer) over entries with small ones");
    }

    static void Refuse(QuarantineStore quarantine, long sequence, string wkt)
    {
        var changeSet = ChangeSet(OneMap, sequence, Layers.Redline, Upsert($"H{sequence}", wkt));
        quarantine.Add(changeSet, [new Rejection { Rule = RejectionRules.TooManyFeatures, Message = "refused for the listing's sake" }],
            JsonSerializer.Serialize(changeSet, JsonSerializerOptions.Web));
    }

    static string Circle(double x, double y, double r, int n) =>
        "POLYGON((" + string.Join(", ", Enumerable.Range(0, n + 1).Select(i => i % n).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{x + r * Math.Cos(2 * Math.PI * i / n):F6} {y + r * Math.Sin(2 * Math.PI * i / n):F6}"))) + "))";

    /// <summary>What answering <paramref name="path"/> allocated in this process (the hub's), and the answer's size.</summary>
    static async Task<(long Allocated, long Bytes)> MeasureAsync(HubHost hub, string path)
    {
        (await hub.GetAsync(path)).Dispose(); // warm
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await hub.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return (GC.GetTotalAllocatedBytes(precise: true) - before, body.Length);
    }
}
