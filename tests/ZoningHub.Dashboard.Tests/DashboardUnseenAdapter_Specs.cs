using Microsoft.Playwright;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review: the sources table has a row only for the streams the hub has applied something of (/api/status), and
/// /api/adapters is read only to fill those rows. An adapter whose very first change sets cannot be published (a wrong
/// broker password, the broker down since the adapter started) is exactly the one the hub has never seen: its outbox
/// depth and its publish failure, which /api/adapters reports and the README says the dashboard shows, appear nowhere.
/// </summary>
public sealed class When_an_adapter_has_never_reached_the_hub(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    const string Status = """
        {"headRevision":5,"streams":[{"stream":"natural-resources.one-map","department":"natural-resources","layers":["admin-division"],
          "lastSequence":1,"lastSeen":"2026-01-02T03:04:05Z","quarantined":0,"held":0,"heldFirst":null,"heldSince":null}],
         "nodes":[],"filings":[],"activeUnits":0,"openConflicts":0,"pendingCounties":0,
         "derivationFailures":[],"derivationFailureCount":0,"quarantinedWithoutStream":0,"quarantineOpen":0,"brokerQueues":[]}
        """;

    const string Adapters = """
        [{"department":"natural-resources","stream":"natural-resources.one-map","inbox":"/data/inbox/natural-resources","layers":["admin-division"],
          "lastSequence":1,"outboxDepth":0,"lastConfirmed":1,"lastPublishedAt":"2026-01-02T03:04:05Z","publishFailure":null,
          "exportsProcessed":1,"exportsRefused":0,"recentlyRefused":[],"httpSources":[]},
         {"department":"water-resources","stream":"water-resources.water-sources","inbox":"/data/inbox/water-resources","layers":["drinking-water-source-zone"],
          "lastSequence":3,"outboxDepth":3,"lastConfirmed":0,"lastPublishedAt":null,
          "publishFailure":{"sequence":1,"reason":"ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN","since":"2026-01-02T03:04:05Z","attempts":42},
          "exportsProcessed":1,"exportsRefused":0,"recentlyRefused":[],"httpSources":[]}]
        """;

    [Fact]
    public async Task Should_show_its_outbox_and_why_it_does_not_drain()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/api/status", r => StubbedHub.Json(r, Status));
        await page.RouteAsync("**/api/adapters", r => StubbedHub.Json(r, Adapters));
        await page.GotoAsync(browser.System.Url.ToString());
        await page.Locator("body[data-live='true'] tr[data-stream='natural-resources.one-map']")
            .WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await page.WaitForTimeoutAsync(1_000);

        var text = await page.Locator("main").InnerTextAsync();
        Assert.True(text.Contains("ACCESS_REFUSED", StringComparison.Ordinal) && text.Contains("water-resources.water-sources", StringComparison.Ordinal),
            "/api/adapters says water-resources.water-sources has 3 change sets in its outbox and has failed 42 publishes (ACCESS_REFUSED); "
            + $"the dashboard's sources show only: {await page.Locator("#sources-panel").InnerTextAsync()}");
    }
}
