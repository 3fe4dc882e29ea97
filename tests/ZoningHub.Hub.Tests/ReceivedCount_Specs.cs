using System.Globalization;
using System.Text.RegularExpressions;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review of <c>zoninghub_change_sets_received_total</c> ("Change sets taken off the intake queue"): while the hub's store
/// cannot be written, intake retries the batch in place for up to 25 minutes (ChangeSetConsumerDefinition), and every
/// retry runs the consumer again, which counts every change set of the batch as received again. One change set taken
/// during an outage reads as dozens arriving, and the received rate an operator watches climbs while nothing comes.
/// </summary>
public sealed class When_intake_waits_for_the_store_to_take_writes_again
{
    [Fact]
    public async Task Should_count_a_change_set_received_once()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        using (var store = hub.Service<HubDatabase>().Open())
        {
            store.Execute(null, "CREATE TRIGGER outage BEFORE INSERT ON change_sets BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;");
        }

        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        // Long enough for the first store retries (1 s, then growing).
        await Task.Delay(TimeSpan.FromSeconds(8));
        using (var store = hub.Service<HubDatabase>().Open())
        {
            store.Execute(null, "DROP TRIGGER outage;");
        }

        await hub.SettledAsync((OneMap, 1));
        var metrics = await hub.Http.GetStringAsync(new Uri(hub.HttpUrl, "/metrics"));
        Assert.Equal((1.0, 1.0), (Count(metrics, "zoninghub_change_sets_received_total"), Count(metrics, "zoninghub_change_sets_applied_total")));
    }

    static double Count(string metrics, string name) =>
        Regex.Matches(metrics, $@"^{name}\{{[^}}]*department=""natural-resources""[^}}]*\}} (\S+)", RegexOptions.Multiline)
            .Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
}
