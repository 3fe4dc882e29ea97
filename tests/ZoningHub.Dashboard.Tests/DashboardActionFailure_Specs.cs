using Microsoft.Playwright;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review: an action whose request gets no answer at all (the connection dropped, the hub restarting) rejects inside
/// act() before any message is written: the operator who clicked "replay" is told nothing, neither that it failed nor
/// that it worked, and the page is not refreshed.
/// </summary>
public sealed class When_an_operators_action_gets_no_answer(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    [Fact]
    public async Task Should_tell_the_operator_the_replay_was_not_done()
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var asked = 0;
        await page.RouteAsync("**/api/status", r => StubbedHub.Json(r, StubbedHub.StatusWithOneQuarantined));
        await page.RouteAsync("**/api/quarantine?*", r => StubbedHub.Json(r, StubbedHub.OneQuarantined));
        await page.RouteAsync("**/api/quarantine/8/replay", r =>
        {
            Interlocked.Increment(ref asked);
            return r.AbortAsync("connectionreset");
        });
        await page.GotoAsync(browser.System.Url.ToString());
        var replay = page.Locator("tr[data-quarantine='8'] button", new() { HasText = "replay" });
        await replay.WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator("#credential").FillAsync("the-operators-credential");

        await replay.ClickAsync();
        await page.WaitForTimeoutAsync(5_000);

        Assert.Equal(1, asked);
        var message = page.Locator("#message");
        Assert.True(await message.IsVisibleAsync(),
            $"5 s after the replay's request was cut off the page says nothing to the operator (uncaught in the page: {string.Join(" | ", errors)})");
        Assert.DoesNotContain("applied", await message.TextContentAsync() ?? "", StringComparison.Ordinal);
    }
}
