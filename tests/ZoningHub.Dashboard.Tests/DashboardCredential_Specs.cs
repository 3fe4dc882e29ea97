using Microsoft.Playwright;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review: the operator credential is the one field of a form without a submit button, so pressing Enter in it (as one
/// does after typing a password) submits the form: the page is loaded again and the credential typed is gone, kept
/// nowhere, and the operator's next action goes out without it and is refused.
/// </summary>
public sealed class When_an_operator_types_the_credential_and_presses_enter(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    [Fact]
    public async Task Should_keep_the_credential_for_the_next_action()
    {
        var page = await browser.NewPageAsync();
        string? presented = "(no replay asked for)";
        await page.RouteAsync("**/api/status", r => StubbedHub.Json(r, StubbedHub.StatusWithOneQuarantined));
        await page.RouteAsync("**/api/quarantine?*", r => StubbedHub.Json(r, StubbedHub.OneQuarantined));
        await page.RouteAsync("**/api/quarantine/8/replay", r =>
        {
            presented = r.Request.Headers.TryGetValue("authorization", out var value) ? value : null;
            return StubbedHub.Json(r, """{"quarantineId":8,"applied":["HX1"],"superseded":[],"stillRejected":[],"markedCounties":1}""");
        });
        await page.GotoAsync(browser.System.Url.ToString());
        var replay = page.Locator("tr[data-quarantine='8'] button", new() { HasText = "replay" });
        await replay.WaitForAsync(new() { Timeout = 30_000 });

        await page.Locator("#credential").FillAsync("the-operators-credential");
        await page.Locator("#credential").PressAsync("Enter");
        await page.WaitForTimeoutAsync(1_000);
        await replay.WaitForAsync(new() { Timeout = 30_000 });
        await replay.ClickAsync();
        await page.Locator("#message.ok").WaitForAsync(new() { Timeout = 10_000 }).ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.Equal("Bearer the-operators-credential", presented);
    }
}
