using Microsoft.Playwright;

namespace ZoningHub.Dashboard.Tests;

/// <summary>One embedded hub and one browser for the specs of the dashboard's edges, each on its own page.</summary>
public sealed class DashboardBrowser : IAsyncLifetime
{
    IPlaywright? _playwright;
    IBrowser? _browser;

    public EmbeddedSystem System { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = await EmbeddedSystem.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public Task<IPage> NewPageAsync() => _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1300 } });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await System.DisposeAsync();
    }
}

/// <summary>The dashboard when the hub is slow, briefly gone, in trouble, or has conflicts that are points.</summary>
public sealed class When_the_dashboard_meets_an_unusual_hub(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    const string Status = """
        {"headRevision":5,"streams":[{"stream":"water-resources.sources","department":"water-resources","layers":["drinking-water-source-zone"],
          "lastSequence":7,"lastSeen":"2026-01-02T03:04:05Z","quarantined":1,"held":2,
          "heldFirst":12,"heldSince":"2026-01-02T03:04:05Z"}],
         "nodes":[],"filings":[],"activeUnits":1,"openConflicts":1,"pendingCounties":0,
         "derivationFailures":[{"county":"330106","error":"TopologyException: found non-noded intersection","failedAt":"2026-01-02T03:04:05Z"}],"derivationFailureCount":60,
         "quarantinedWithoutStream":3,"quarantineOpen":120,
         "brokerQueues":[{"queue":"zoninghub.hub.intake_error","messages":4,"meaning":"messages whose intake failed beyond its retries","error":null,"checkedAt":"2026-01-02T03:04:05Z"},
           {"queue":"zoninghub.dead-letter","messages":0,"meaning":"messages the broker stopped delivering","error":null,"checkedAt":"2026-01-02T03:04:05Z"}]}
        """;

    const string Units = """
        {"type":"FeatureCollection","features":[{"type":"Feature","id":"U1","geometry":{"type":"Polygon","coordinates":[[[120,30],[121,30],[121,31],[120,31],[120,30]]]},
         "properties":{"code":"U1","typeDigit":3,"county":"330105","version":1,"revision":1,"areaSquareMetres":1,"sources":[]}}]}
        """;

    // An approved project's site in a unit that forbids its industry: the conflict is where the site is, a point.
    const string Conflicts = """
        {"type":"FeatureCollection","features":[{"type":"Feature","id":"eia-project-industry-forbidden|P1|U1","geometry":{"type":"Point","coordinates":[120.5,30.5]},
         "properties":{"rule":"eia-project-industry-forbidden","featureA":"P1","featureB":"U1","county":"330105","areaSquareMetres":0,"openedRevision":5}}]}
        """;

    const string Quarantine = """
        [{"id":9,"stream":"natural-resources.one-map","sequence":4,"department":"natural-resources","layer":"ecological-redline","scope":"change-set",
          "reasons":[{"rule":"integrity.sequence-reused","featureId":null,"message":"Sequence 4 was already applied with different content."}],
          "receivedAt":"2026-01-02T03:04:05Z","replayedAt":null,"attempts":0,"notReplayable":"it is kept as evidence"},
         {"id":8,"stream":"natural-resources.one-map","sequence":3,"department":"natural-resources","layer":"ecological-redline","scope":"features",
          "reasons":[{"rule":"geometry.invalid","featureId":"HX1","message":"self-intersection"}],
          "receivedAt":"2026-01-02T03:04:05Z","replayedAt":null,"attempts":2,"notReplayable":null},
         {"id":7,"stream":"","sequence":0,"department":"","layer":"","scope":"change-set",
          "reasons":[{"rule":"message.unreadable","featureId":null,"message":"The message is not a change set the hub can read"}],
          "receivedAt":"2026-01-02T03:04:05Z","replayedAt":null,"attempts":0,"notReplayable":"it took no place in a stream"}]
        """;

    const string WaitingMessages = """
        [{"position":1,"messageId":"m1","redelivered":false,"faultMessage":"quarantine refused","faultExceptionType":"Microsoft.Data.Sqlite.SqliteException",
          "failedIn":"zoninghub.hub.intake","headers":{},"contentType":"application/json","bytes":9,"body":"not json!"}]
        """;

    static Task Json(IRoute route, string body, string type = "application/json") => route.FulfillAsync(new() { ContentType = type, Body = body });

    [Fact]
    public async Task Should_draw_a_point_conflict_as_a_dot_on_the_map()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/api/status", r => Json(r, Status));
        await page.RouteAsync("**/api/units?*", r => Json(r, Units, "application/geo+json"));
        await page.RouteAsync("**/api/conflicts?*", r => Json(r, Conflicts, "application/geo+json"));
        await page.GotoAsync(browser.System.Url.ToString());

        var dot = page.Locator("#map circle.conflict[data-conflict='eia-project-industry-forbidden|P1|U1']");
        await dot.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        var (site, unit) = (await dot.BoundingBoxAsync(), await page.Locator("#map path[data-code='U1']").BoundingBoxAsync());
        Assert.True(site is { Width: > 2 } && unit is not null, $"the site is drawn {site?.Width}×{site?.Height} px");
        Assert.InRange(site!.X + site.Width / 2, unit!.X + unit.Width * 0.4, unit.X + unit.Width * 0.6);
        Assert.Equal("1", await page.Locator("#conflicts-shown").TextContentAsync());
    }

    [Fact]
    public async Task Should_show_what_the_status_says_is_wrong()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/api/status", r => Json(r, Status));
        await page.RouteAsync("**/api/quarantine?*", r => Json(r, Quarantine));
        await page.GotoAsync(browser.System.Url.ToString());

        await page.Locator("#failures-panel tr[data-failure='330106']").WaitForAsync(new() { Timeout = 30_000 });
        // The status lists the first 50 failed counties; the figure is how many there are.
        Assert.Equal("60", await page.Locator("#failures").TextContentAsync());
        var source = page.Locator("tr[data-stream='water-resources.sources'] td");
        Assert.StartsWith("2waits for #8–#11 since ", await source.Nth(5).TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("2026", await source.Nth(4).TextContentAsync(), StringComparison.Ordinal);
        var note = await page.Locator("#sources-note").TextContentAsync();
        Assert.Contains("3 refused change sets name no stream", note, StringComparison.Ordinal);
        Assert.Contains("4 in zoninghub.hub.intake_error: messages whose intake failed", note, StringComparison.Ordinal);
        Assert.DoesNotContain("dead-letter", note, StringComparison.Ordinal);

        Assert.Equal("newest 3 of 120 open", await page.Locator("#quarantine-count").TextContentAsync());
        Assert.Equal("natural-resources.one-map #4", await page.Locator("tr[data-quarantine='9'] td").First.TextContentAsync());
        // A message the hub could not read names no stream: not " #0".
        Assert.Equal("no stream named", await page.Locator("tr[data-quarantine='7'] td").First.TextContentAsync());
        var alarm = page.Locator("tr[data-quarantine='9']");
        Assert.Equal(["dismiss"], await alarm.Locator("button").AllTextContentsAsync());
        Assert.Contains("not replayable", await alarm.TextContentAsync(), StringComparison.Ordinal);
        var open = page.Locator("tr[data-quarantine='8']");
        Assert.Equal(["replay", "dismiss"], await open.Locator("button").AllTextContentsAsync());
        Assert.Contains("2 replays so far", await open.TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_move_a_streams_held_change_sets_to_the_quarantine_with_the_operator_credential()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/api/status", r => Json(r, Status));
        var asked = new List<(string Method, string Url, string? Authorization)>();
        await page.RouteAsync("**/api/streams/**", r =>
        {
            asked.Add((r.Request.Method, r.Request.Url, r.Request.Headers.GetValueOrDefault("authorization")));
            return Json(r, """{"stream":"water-resources.sources","lastSequence":7,"quarantined":[{"sequence":12,"quarantineId":20},{"sequence":13,"quarantineId":21}]}""");
        });
        await page.GotoAsync(browser.System.Url.ToString());
        await page.Locator("#credential").FillAsync("embedded-operator");

        await page.Locator("tr[data-stream='water-resources.sources'] button", new() { HasText = "quarantine held" }).ClickAsync(new() { Timeout = 30_000 });

        await page.Locator("#message.ok").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("2 held change sets of water-resources.sources moved to the quarantine; replay or dismiss them there.",
            await page.Locator("#message").TextContentAsync());
        var (method, url, authorization) = Assert.Single(asked);
        Assert.Equal("POST", method);
        Assert.EndsWith("/api/streams/water-resources.sources/held/quarantine", url, StringComparison.Ordinal);
        Assert.Equal("Bearer embedded-operator", authorization);
    }

    [Fact]
    public async Task Should_show_an_error_queues_messages_and_move_them_back_with_the_operator_credential()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/api/status", r => Json(r, Status));
        var asked = new List<(string Method, string Url, string? Authorization)>();
        await page.RouteAsync("**/api/broker-queues/**", r =>
        {
            asked.Add((r.Request.Method, r.Request.Url, r.Request.Headers.GetValueOrDefault("authorization")));
            return Json(r, r.Request.Method == "GET" ? WaitingMessages
                : """{"queue":"zoninghub.hub.intake_error","moved":4,"to":["zoninghub.hub.intake"],"remaining":0,"stopped":null}""");
        });
        await page.GotoAsync(browser.System.Url.ToString());
        await page.Locator("#credential").FillAsync("embedded-operator");
        var queue = page.Locator("[data-broker-queue='zoninghub.hub.intake_error']");

        await queue.Locator("button", new() { HasText = "show" }).ClickAsync(new() { Timeout = 30_000 });
        var shown = page.Locator("#broker-messages .broker-message[data-position='1']");
        await shown.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("#1 (failed in zoninghub.hub.intake): quarantine refused", await shown.Locator("div").TextContentAsync());
        Assert.Equal("not json!", await shown.Locator("pre").TextContentAsync());

        await queue.Locator("button", new() { HasText = "move back" }).ClickAsync();
        await page.Locator("#message.ok").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("4 messages of zoninghub.hub.intake_error moved back to zoninghub.hub.intake.", await page.Locator("#message").TextContentAsync());
        Assert.Equal([("GET", "/api/broker-queues/zoninghub.hub.intake_error/messages?limit=20"), ("POST", "/api/broker-queues/zoninghub.hub.intake_error/move-back")],
            asked.Select(a => (a.Method, new Uri(a.Url).PathAndQuery)));
        Assert.All(asked, a => Assert.Equal("Bearer embedded-operator", a.Authorization));
    }

    [Fact]
    public async Task Should_clear_the_hub_did_not_answer_message_once_it_answers_again()
    {
        var page = await browser.NewPageAsync();
        var down = true;
        await page.RouteAsync("**/api/status", r => down ? r.AbortAsync() : r.ContinueAsync());
        await page.GotoAsync(browser.System.Url.ToString());
        await page.Locator("body[data-live='false']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.Contains("did not answer", await page.Locator("#message").TextContentAsync(), StringComparison.Ordinal);

        down = false;

        await page.Locator("body[data-live='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.True(await page.Locator("#message").IsHiddenAsync(), $"the page still says '{await page.Locator("#message").TextContentAsync()}'");
    }

    [Fact]
    public async Task Should_ask_a_slow_hub_for_one_map_at_a_time_and_keep_the_figures_fresh()
    {
        var page = await browser.NewPageAsync();
        int inFlight = 0, most = 0, maps = 0, statuses = 0;
        await page.RouteAsync("**/api/status", r =>
        {
            Interlocked.Increment(ref statuses);
            return r.ContinueAsync();
        });
        await page.RouteAsync("**/api/units?*", async r =>
        {
            var now = Interlocked.Increment(ref inFlight);
            Interlocked.Increment(ref maps);
            most = Math.Max(most, now);
            await Task.Delay(9_000); // a busy hub: the map's GeoJSON takes 9 s
            Interlocked.Decrement(ref inFlight);
            await r.ContinueAsync();
        });

        await page.GotoAsync(browser.System.Url.ToString());
        await page.WaitForTimeoutAsync(14_000);

        Assert.True(most == 1 && maps <= 2, $"{maps} map requests in 14 s, {most} in flight at once");
        Assert.True(statuses >= 4, $"the figures were polled {statuses} times in 14 s while the map was slow");
    }
}
