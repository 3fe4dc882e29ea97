using Microsoft.Playwright;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review: the dashboard reads /api/adapters with every error swallowed (<c>.catch(() => null)</c>), so when the hub
/// answers it with a 500 the sources table shows each outbox as "–" titled "the adapter runs elsewhere": the outbox
/// depth and the publish failure the README promises vanish, and the operator is told the adapters are not here
/// instead of that they could not be read.
/// </summary>
public sealed class When_the_adapters_status_fails(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    const string Status = """
        {"headRevision":5,"streams":[{"stream":"water-resources.sources","department":"water-resources","layers":["drinking-water-source-zone"],
          "lastSequence":7,"lastSeen":"2026-01-02T03:04:05Z","quarantined":0,"held":0,"heldFirst":null,"heldSince":null}],
         "nodes":[],"filings":[],"activeUnits":0,"openConflicts":0,"pendingCounties":0,
         "derivationFailures":[],"derivationFailureCount":0,"quarantinedWithoutStream":0,"quarantineOpen":0,"brokerQueues":[]}
        """;

    static Task Json(IRoute route, string body, int status = 200, string type = "application/json") =>
        route.FulfillAsync(new() { Status = status, ContentType = type, Body = body });

    [Fact]
    public async Task Should_say_the_adapters_could_not_be_read_rather_than_that_they_run_elsewhere()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/api/status", r => Json(r, Status));
        await page.RouteAsync("**/api/adapters", r => Json(r,
            """{"title":"An error occurred while processing your request.","status":500,"detail":"SQLite Error 11: database disk image is malformed"}""",
            500, "application/problem+json"));
        await page.GotoAsync(browser.System.Url.ToString());
        await page.Locator("body[data-live='true'] tr[data-stream='water-resources.sources']")
            .WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await page.WaitForTimeoutAsync(3_000);

        var outbox = page.Locator("tr[data-stream='water-resources.sources'] td").Nth(6);
        var (text, title) = (await outbox.TextContentAsync(), await outbox.GetAttributeAsync("title"));
        var message = await page.Locator("#message").IsVisibleAsync() ? await page.Locator("#message").TextContentAsync() : "(no message)";
        Assert.True(message!.Contains("adapters", StringComparison.Ordinal) || title != "the adapter runs elsewhere",
            $"/api/adapters answered 500; the outbox shows '{text}' titled '{title}' and the page says {message}");
    }
}
