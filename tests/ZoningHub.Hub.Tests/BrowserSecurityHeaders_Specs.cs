using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Security review: the hub told browsers nothing, so the page an operator types the credential into could be framed
/// by any site, would have run injected inline script, and answers could be sniffed as another type.
/// </summary>
public sealed class When_a_browser_reads_the_hub
{
    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard.js")]
    [InlineData("/dashboard.css")]
    [InlineData("/api/status")]
    [InlineData("/api/units?province=33")]
    [InlineData("/api/units?province=3")]
    [InlineData("/api/units/ZH33010619999")]
    [InlineData("/api/quarantine/1/body")]
    public async Task Should_allow_only_the_hubs_own_resources_no_framing_no_sniffing_and_no_referrer(string path)
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);

        using var response = await hub.GetAsync(path);

        Assert.Equal("default-src 'self'; frame-ancestors 'none'", string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(", ", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(", ", response.Headers.GetValues("Referrer-Policy")));
    }
}
