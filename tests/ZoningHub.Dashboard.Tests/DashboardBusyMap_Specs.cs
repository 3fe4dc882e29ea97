using Microsoft.Playwright;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review: a hub whose listings are full answers the map's GeoJSON with 429 and Retry-After (README: 10 s by default).
/// Until a map has been drawn once (a page just opened, or a province just chosen) the dashboard takes the refusal as a
/// province change still to be done and asks again at every 2 s poll, ignoring Retry-After: each open dashboard adds
/// five listing requests every ten seconds to the hub that just said it is overloaded.
/// </summary>
public sealed class When_the_hub_says_its_listings_are_busy(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    const string Status = """
        {"headRevision":5,"streams":[],"nodes":[],"filings":[],"activeUnits":1,"openConflicts":0,"pendingCounties":0,
         "derivationFailures":[],"derivationFailureCount":0,"quarantinedWithoutStream":0,"quarantineOpen":0,"brokerQueues":[]}
        """;

    [Fact]
    public async Task Should_wait_as_long_as_it_is_told_before_asking_for_the_map_again()
    {
        var page = await browser.NewPageAsync();
        var asked = 0;
        await page.RouteAsync("**/api/status", r => r.FulfillAsync(new() { ContentType = "application/json", Body = Status }));
        await page.RouteAsync("**/api/units?*", r =>
        {
            Interlocked.Increment(ref asked);
            return r.FulfillAsync(new()
            {
                Status = 429, ContentType = "application/problem+json", Headers = new Dictionary<string, string> { ["Retry-After"] = "10" },
                Body = """{"title":"Too many listings","status":429,"detail":"4 listings are being served and 64 wait; retry after 10 s."}""",
            });
        });
        await page.GotoAsync(browser.System.Url.ToString());
        await page.WaitForTimeoutAsync(12_000);

        Assert.True(Volatile.Read(ref asked) <= 2,
            $"told 'Retry-After: 10' by a busy hub, the page asked for the map {asked} times in 12 s");
    }
}
