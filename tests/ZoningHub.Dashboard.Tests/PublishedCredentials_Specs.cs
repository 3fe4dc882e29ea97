using System.Text.Json;
using ZoningHub.Standalone;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Security review: the embedded run ships its operator and push credentials in appsettings.json and the README, and
/// started without complaint when told to listen beyond this machine.
/// </summary>
public sealed class When_the_embedded_run_is_told_to_listen_beyond_this_machine
{
    static string Settings => Path.Combine(EmbeddedSystem.RepositoryRoot(), "services", "ZoningHub.Standalone", "appsettings.json");

    /// <summary>The README's run as shipped, with <paramref name="settings"/> over it, built but not started.</summary>
    static async Task BuildAsync(params (string Key, string Value)[] settings) =>
        await EmbeddedSystem.Build(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).DisposeAsync();

    [Theory]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5180")]
    [InlineData("Kestrel:Endpoints:Grpc:Url", "http://[::]:5181")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://*:5180")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://zoninghub.example:5180")]
    [InlineData("Embedded:Nodes:1:GrpcUrl", "http://10.1.2.3:5193")]
    public async Task Should_refuse_to_start_with_the_published_credentials_naming_the_settings(string key, string url)
    {
        var refused = await Assert.ThrowsAsync<StartRefusedException>(() => BuildAsync((key, url)));

        Assert.Contains(url, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Hub:OperatorCredential and Hub:PushCredential", refused.Message, StringComparison.Ordinal);
        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_with_one_published_credential_left()
    {
        var refused = await Assert.ThrowsAsync<StartRefusedException>(() =>
            BuildAsync(("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5180"), ("Hub:OperatorCredential", "an-operators-own")));
        Assert.Contains("published credential of Hub:PushCredential", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_start_beyond_this_machine_with_credentials_of_its_own() =>
        await BuildAsync(("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5180"), ("Hub:OperatorCredential", "an-operators-own"),
            ("Hub:PushCredential", "a-push-of-its-own"));

    [Theory]
    [InlineData("http://127.0.0.1:5180")]
    [InlineData("http://localhost:5180")]
    [InlineData("http://[::1]:5180")]
    public async Task Should_start_as_shipped_on_loopback(string url) => await BuildAsync(("Kestrel:Endpoints:Http:Url", url));

    [Fact]
    public void Should_know_every_credential_appsettings_publishes()
    {
        var hub = JsonDocument.Parse(File.ReadAllText(Settings)).RootElement.GetProperty("Hub");
        Assert.Equal(PublishedCredentials.Defaults.OrderBy(d => d.Key, StringComparer.Ordinal), hub.EnumerateObject()
            .Where(p => p.Name.EndsWith("Credential", StringComparison.Ordinal))
            .Select(p => new KeyValuePair<string, string>($"Hub:{p.Name}", p.Value.GetString()!)).OrderBy(d => d.Key, StringComparer.Ordinal));
    }
}
