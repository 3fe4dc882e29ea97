using Microsoft.Extensions.Options;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Security review: the deployment gave every node the one push credential, so any node's, once leaked, let anyone
/// push to all of them. With a credential per node, the hub needs no shared one.
/// </summary>
public sealed class When_every_node_has_its_own_push_credential
{
    static (string, string)[] Node(int index, string id, string scope, string? credential) =>
    [
        ($"Hub:Nodes:{index}:Id", id), ($"Hub:Nodes:{index}:Scope", scope), ($"Hub:Nodes:{index}:Address", $"http://127.0.0.1:9/{id}"),
        .. credential is null ? [] : new[] { ($"Hub:Nodes:{index}:Credential", credential) },
    ];

    [Fact]
    public async Task Should_start_without_a_shared_push_credential()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path,
            [("Hub:PushCredential", ""), .. Node(0, "national", "national", "national-own"), .. Node(1, "zhejiang", "33", "zhejiang-own")]);

        Assert.Equal(2, (await hub.GetJsonAsync("/api/status")).GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Should_refuse_to_start_when_a_node_has_none_and_there_is_no_shared_one()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => HubHost.StartAsync(data.Path,
            [("Hub:PushCredential", ""), .. Node(0, "national", "national", "national-own"), .. Node(1, "zhejiang", "33", null)]));

        Assert.Contains("Hub:PushCredential is required unless every Hub:Nodes:N has its own Credential", refused.Message, StringComparison.Ordinal);
    }
}
