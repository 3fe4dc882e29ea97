using System.Diagnostics;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review of the derivation's span: a county whose derivation fails is logged and listed on <c>/api/status</c>, but the
/// <c>hub.derive</c> span that derived it ends with no status and nothing of the failure, so in the trace of the change
/// set that marked the county its derivation reads as done, and the trace goes on to pushes of the other counties.
/// </summary>
public sealed class When_a_county_fails_in_a_traced_derivation : IDisposable
{
    readonly RecordedSpans _spans = new("ZoningHub");

    [Fact]
    public async Task Should_end_the_derivation_span_as_an_error_naming_the_countys_failure()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        using (var store = hub.Service<HubDatabase>().Open())
        {
            // As in When_a_county_cannot_be_stored: the code the county's first priority unit would get is taken.
            store.Execute(null, "INSERT INTO unit_registry (identity, code, county, type, serial) VALUES ('damaged', 'ZH33010610001', '330106', 1, 0)");
        }

        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))));
        await hub.SettledAsync((OneMap, 2));
        Assert.Single((await hub.GetJsonAsync("/api/status")).GetProperty("derivationFailures").EnumerateArray());

        var failed = _spans.Stopped.Where(s => s.OperationName == "hub.derive").LastOrDefault();
        Assert.NotNull(failed);
        var told = string.Join(" | ", [failed.StatusDescription ?? "", .. failed.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}"))]);
        Assert.True(failed.Status == ActivityStatusCode.Error && told.Contains("UNIQUE constraint failed", StringComparison.Ordinal),
            $"the derivation in which county 330106 failed ends with status {failed.Status}, telling '{told}'");
    }

    public void Dispose() => _spans.Dispose();
}
