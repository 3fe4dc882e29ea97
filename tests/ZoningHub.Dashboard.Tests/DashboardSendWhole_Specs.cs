using Microsoft.Playwright;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// An adapter whose store was put back from a backup moves its numbering past the hub's and sends its layers whole at
/// their next export: until then the hub keeps its own state of them, which the operator is shown beside the outbox.
/// </summary>
public sealed class When_an_adapter_will_send_layers_whole(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    const string Status = """
        {"headRevision":5,"streams":[{"stream":"water-resources.sources","department":"water-resources","layers":["drinking-water-source-zone"],
          "lastSequence":7,"lastSeen":"2026-01-02T03:04:05Z","quarantined":1,"held":0,"heldFirst":null,"heldSince":null}],
         "nodes":[],"filings":[],"activeUnits":0,"openConflicts":0,"pendingCounties":0,
         "derivationFailures":[],"derivationFailureCount":0,"quarantinedWithoutStream":0,"quarantineOpen":1,"brokerQueues":[]}
        """;

    const string Adapters = """
        [{"department":"water-resources","stream":"water-resources.sources","layers":["drinking-water-source-zone"],"lastSequence":7,
          "outboxDepth":0,"lastConfirmed":7,"publishFailure":null,"exportsProcessed":3,"exportsRefused":0,"recentlyRefused":[],"httpSources":[],
          "layersToSendWhole":{"drinking-water-source-zone":"the hub had applied #7, past this adapter's numbering: its store was put back from a backup or lost"}}]
        """;

    static Task Json(IRoute route, string body) => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = body });

    [Fact]
    public async Task Should_name_the_layers_beside_the_outbox_with_why()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/api/status", r => Json(r, Status));
        await page.RouteAsync("**/api/adapters", r => Json(r, Adapters));
        await page.GotoAsync(browser.System.Url.ToString());
        var outbox = page.Locator("tr[data-stream='water-resources.sources'] td").Nth(6);
        await page.Locator("body[data-live='true'] tr[data-stream='water-resources.sources']")
            .WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

        var note = outbox.Locator("div");
        await note.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal("numbering moved past the hub's; next export sent whole: drinking-water-source-zone", await note.TextContentAsync());
        Assert.Contains("put back from a backup", await note.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
    }
}
