using Microsoft.Playwright;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review: every node's actions are buttons named just "verify" and "resync" (every quarantine entry's "replay" and
/// "dismiss"), in a column whose header is empty, in rows that have no row header: a screen-reader user, who reaches
/// buttons by their names, hears "verify" three times and cannot tell which node a button acts on.
/// </summary>
public sealed class When_an_operator_reaches_the_nodes_actions_by_their_names(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    [Fact]
    public async Task Should_name_the_node_each_button_acts_on()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.System.Url.ToString());
        await page.Locator("tr[data-node='zhejiang']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

        var names = new List<string>();
        foreach (var node in new[] { "national", "zhejiang", "anhui" })
        {
            var verify = page.Locator($"tr[data-node='{node}'] button", new() { HasText = "verify" });
            // The accessible name as assistive technology computes it (aria-label, aria-labelledby, else the text).
            names.Add(await verify.EvaluateAsync<string>(
                "b => b.getAttribute('aria-label') || (b.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id)?.textContent || '').join(' ').trim() || b.textContent"));
        }

        var rowHeaders = await page.Locator("#nodes tbody tr th").CountAsync();
        Assert.True(names.Distinct().Count() == 3 || rowHeaders == 3,
            $"the three nodes' verify buttons are named [{string.Join(", ", names.Select(n => $"'{n}'"))}], with {rowHeaders} row headers in the nodes table");
    }
}
