using ZoningHub.Standalone;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review (session 14): <c>preferHostingUrls</c> (<c>--preferHostingUrls true</c>, <c>ASPNETCORE_PREFERHOSTINGURLS</c>) makes
/// Kestrel bind <c>--urls</c> / <c>ASPNETCORE_URLS</c> instead of its <c>Kestrel:Endpoints</c>, which appsettings.json always
/// has. The published-credential check reads <c>urls</c> only when there are no endpoints, so such a run listened on
/// 0.0.0.0 with <c>embedded-operator</c> and took an operator action from another machine (seen by hand: ss showed
/// 0.0.0.0:5380, and a POST to /api/admin/nodes/national/verify from 192.0.2.2 with the published credential got 202).
/// </summary>
public sealed class When_the_embedded_run_is_told_to_prefer_the_hosting_urls
{
    static async Task BuildAsync(params (string Key, string Value)[] settings) =>
        await EmbeddedSystem.Build(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).DisposeAsync();

    [Theory]
    [InlineData("http://0.0.0.0:5180")]
    [InlineData("http://*:5180")]
    public async Task Should_refuse_to_start_with_the_published_credentials_on_the_urls_kestrel_binds(string url)
    {
        var refused = await Assert.ThrowsAsync<StartRefusedException>(() => BuildAsync(("urls", url), ("preferHostingUrls", "true")));

        Assert.Contains(url, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Hub:OperatorCredential and Hub:PushCredential", refused.Message, StringComparison.Ordinal);
    }
}
