using Microsoft.Playwright;
using Xunit.Abstractions;
using ZoningHub.EndToEnd.Tests;
using ZoningHub.Testing;

namespace ZoningHub.Dashboard.Tests;

/// <summary>Issue 6: an operator's view of the real dashboard, in a real browser, while an edit flows to every node.</summary>
public sealed class When_an_operator_watches_the_dashboard(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_show_nodes_in_sync_and_an_edit_reaching_the_map_and_every_node()
    {
        await using var system = await EmbeddedSystem.StartAsync();
        system.DropExport("natural-resources", "admin-division", "hangzhou-counties.geojson",
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "exports", "natural-resources", "admin-division", "hangzhou-counties.geojson")));
        system.DropExport("natural-resources", "ecological-redline", "redlines-v1.geojson", RedlineExports.Version(1));
        await Eventually.HoldsAsync(system.AllNodesVerifiedAsync, "the hub derives the drops and every node is verified in sync", seconds: 90);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1300 } });
        var remote = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(system.Url.ToString(), StringComparison.Ordinal))
            {
                remote.Add(request.Url);
            }
        };
        // The hub's Content-Security-Policy allows only its own script and stylesheet: whatever it refuses, Chromium reports here.
        var refusedByPolicy = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refusedByPolicy.Add(message.Text);
            }
        };
        await page.GotoAsync(system.Url.ToString());

        foreach (var node in new[] { "national", "zhejiang", "anhui" })
        {
            await Expect(page.Locator($"tr[data-node='{node}'][data-state='in-sync'][data-verified='true'][data-lag='0']"), $"{node} shown in sync and verified");
        }

        // A priority-protection unit drawn on the map: here only the redlines anchor one, and the next export moves them all.
        var unit = page.Locator("#map path[data-type='1']").First;
        await Expect(unit, "the redline's unit on the map");
        var code = await unit.GetAttributeAsync("data-code");
        var version = int.Parse((await unit.GetAttributeAsync("data-version"))!, System.Globalization.CultureInfo.InvariantCulture);

        system.DropExport("natural-resources", "ecological-redline", "redlines-v2.geojson", RedlineExports.Version(2));

        await page.WaitForFunctionAsync(
            "([code, version]) => { const p = document.querySelector(`#map path[data-code='${code}']`); return p && Number(p.dataset.version) > version; }",
            new object[] { code!, version }, new() { Timeout = 90_000 });
        foreach (var node in new[] { "national", "zhejiang", "anhui" })
        {
            await Expect(page.Locator($"tr[data-node='{node}'][data-state='in-sync'][data-verified='true'][data-lag='0']"), $"{node} back in sync after the edit");
        }

        var screenshot = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        Assert.Empty(remote);
        Assert.Empty(refusedByPolicy);
    }

    static async Task Expect(ILocator locator, string what)
    {
        try
        {
            await locator.First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        }
        catch (TimeoutException e)
        {
            throw new Xunit.Sdk.XunitException($"The dashboard never showed {what}: {e.Message}");
        }
    }
}
