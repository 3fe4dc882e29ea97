using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZoningHub.ServiceDefaults;
using ZoningHub.Standalone;
using ZoningHub.Testing;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review (session 15): the README says "the GeoJSON listings (hub and nodes) … are served 4 at a time, 64 more wait up
/// to 30 s" and names the settings (<c>Limits:GeoJson:Concurrent</c>, <c>Queued</c>, …). Given to the embedded run as its
/// other settings are (<c>--Limits:GeoJson:Concurrent=1</c>), they reach the hub only: each embedded node is built by
/// EmbeddedNodes from a fresh builder that sees neither the command line nor the host's configuration, so its listings
/// keep the defaults whatever the operator set.
/// </summary>
public sealed class When_the_embedded_run_is_given_listing_limits
{
    [Fact]
    public async Task Should_hold_its_nodes_listings_to_them()
    {
        using var data = new TemporaryDirectory("zoninghub-node-limits-");
        var settings = EmbeddedSystem.Settings(data.Path, FreeTcpPort.Find(8));
        settings["Limits:GeoJson:Concurrent"] = "1";
        settings["Limits:GeoJson:Queued"] = "0";
        settings["Limits:GeoJson:RetryAfterSeconds"] = "7";
        var app = EmbeddedSystem.Build(settings);
        try
        {
            await app.StartAsync();

            var hub = app.Services.GetRequiredService<IOptions<GeoJsonLimitOptions>>().Value;
            Assert.Equal((1, 0, 7), (hub.Concurrent, hub.Queued, hub.RetryAfterSeconds));
            foreach (var node in app.Services.GetRequiredService<EmbeddedNodes>().NodeServices)
            {
                var limits = node.GetRequiredService<IOptions<GeoJsonLimitOptions>>().Value;
                Assert.True((limits.Concurrent, limits.Queued, limits.RetryAfterSeconds) == (1, 0, 7),
                    $"an embedded node serves listings {limits.Concurrent} at a time with {limits.Queued} queued and Retry-After {limits.RetryAfterSeconds}, "
                    + "not the run's Limits:GeoJson (1, 0, 7)");
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
