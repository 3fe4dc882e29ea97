using Microsoft.Playwright;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review: the page's requests carry no deadline, so a hub that takes the connection but stops answering (a stuck
/// process, a full thread pool, a proxy holding the request) leaves the one poll under way pending for ever: the figures,
/// nodes and "updated" time stay as they were, the page still says it is live, and nothing tells the operator that what
/// is shown is stale.
/// </summary>
public sealed class When_the_hub_stops_answering_without_closing_the_connection(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    const string Status = """
        {"headRevision":5,"streams":[],"nodes":[{"nodeId":"national","scope":"national","address":null,"acknowledgedRevision":5,"lagRevisions":0,
          "lagSeconds":0,"secondsSinceAck":1,"state":"in-sync","lastError":null,"detail":null,"verified":true,
          "digest":{"revision":5,"hubDigest":"a","nodeDigest":"a","hubUnits":1,"nodeUnits":1,"checkedAt":"2026-01-02T03:04:05Z","matches":true}}],
         "filings":[],"activeUnits":1,"openConflicts":0,"pendingCounties":0,
         "derivationFailures":[],"derivationFailureCount":0,"quarantinedWithoutStream":0,"quarantineOpen":0,"brokerQueues":[]}
        """;

    [Fact]
    public async Task Should_say_that_what_it_shows_is_stale()
    {
        var page = await browser.NewPageAsync();
        var answering = true;
        var held = new List<IRoute>();
        await page.RouteAsync("**/api/status", r =>
        {
            if (answering)
            {
                return r.FulfillAsync(new() { ContentType = "application/json", Body = Status });
            }

            lock (held)
            {
                held.Add(r); // never answered: the hub took the request and went quiet
            }

            return Task.CompletedTask;
        });
        await page.GotoAsync(browser.System.Url.ToString());
        await page.Locator("body[data-live='true'] tr[data-node='national'][data-state='in-sync']")
            .WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

        answering = false;
        await page.WaitForTimeoutAsync(30_000);

        int asked;
        lock (held)
        {
            asked = held.Count;
        }

        var live = await page.Locator("body").GetAttributeAsync("data-live");
        var message = await page.Locator("#message").IsVisibleAsync() ? await page.Locator("#message").TextContentAsync() : "(no message)";
        Assert.True(asked >= 1, "the page asked the quiet hub for its status");
        Assert.True(live == "false" || message != "(no message)",
            $"30 s after the hub stopped answering ({asked} status request(s) pending), the page still shows data-live='{live}', "
            + $"'updated {await page.Locator("#updated").TextContentAsync()}' and {message}: nothing says the figures are stale");
    }
}
