using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review: the throughput chart draws change sets applied and unit versions written on one scale, the larger's peak.
/// One change set of a department's export writes hundreds of unit versions (the embedded run's samples: 9 change sets, 1,988 unit
/// versions in one minute), so the change-set bars are drawn a fraction of a pixel high: the chart shows a
/// minute in which 8 change sets were applied as one in which none was.
/// </summary>
public sealed class When_a_minute_applies_a_few_change_sets_that_write_many_units(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    const string Status = """
        {"headRevision":2653,"streams":[],"nodes":[],"filings":[],"activeUnits":1654,"openConflicts":0,"pendingCounties":0,
         "derivationFailures":[],"derivationFailureCount":0,"quarantinedWithoutStream":0,"quarantineOpen":0,"brokerQueues":[]}
        """;

    static string Throughput()
    {
        var json = new StringBuilder("[");
        var now = DateTime.UtcNow;
        for (var ago = 59; ago >= 0; ago--)
        {
            var minute = now.AddMinutes(-ago).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
            var (changeSets, units) = ago == 0 ? (8, 2653) : (0, 0);
            json.Append(CultureInfo.InvariantCulture, $$"""{"minute":"{{minute}}","changeSetsApplied":{{changeSets}},"unitsRevised":{{units}}}""");
            json.Append(ago == 0 ? "]" : ",");
        }

        return json.ToString();
    }

    [Fact]
    public async Task Should_draw_the_change_sets_applied_visibly()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/api/status", r => StubbedHub.Json(r, Status));
        await page.RouteAsync("**/api/throughput?*", r => StubbedHub.Json(r, Throughput()));
        await page.GotoAsync(browser.System.Url.ToString());
        await page.Locator("#throughput rect.cs").Last.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

        var (changeSets, units) = (await page.Locator("#throughput rect.cs").Last.BoundingBoxAsync(), await page.Locator("#throughput rect.uv").Last.BoundingBoxAsync());
        Assert.True(changeSets is { Height: >= 2 },
            $"the minute with 8 change sets applied draws them {changeSets?.Height:0.##} px high (its 2,653 unit versions {units?.Height:0.##} px): the chart shows no change sets applied");
    }
}
