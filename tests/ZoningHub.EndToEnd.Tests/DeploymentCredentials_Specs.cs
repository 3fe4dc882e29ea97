using System.Text.RegularExpressions;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// Security review: docker-compose.yml gave every node the same push credential, so any node's, once leaked, let anyone
/// push to all of them. Each node takes its own, and the hub presents that one to it.
/// </summary>
public sealed partial class When_the_deployment_gives_nodes_their_credentials
{
    [Fact]
    public void Should_give_each_node_its_own_and_the_hub_the_same_for_that_node()
    {
        var compose = File.ReadAllText(Path.Combine(DeploymentBroker.RepositoryRoot(), "docker-compose.yml"));
        var nodes = NodeCredential().Matches(compose).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["variable"].Value);
        var registered = RegisteredCredential().Matches(compose).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["variable"].Value);

        Assert.Equal(["anhui", "national", "zhejiang"], nodes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(nodes.Count, nodes.Values.Distinct().Count());
        Assert.Equal(nodes.OrderBy(n => n.Key, StringComparer.Ordinal), registered.OrderBy(n => n.Key, StringComparer.Ordinal));
        Assert.DoesNotContain("Hub__PushCredential", compose, StringComparison.Ordinal);
    }

    // A node's id, then (in the same service) the variable its credential comes from; a required one, ${VAR:?…}.
    [GeneratedRegex(@"Node__Id:\s*(?<id>\S+)\s*\n(?:[^\n]*\n)*?\s*Node__HubCredential:\s*\$\{(?<variable>[A-Z_]+):\?")]
    private static partial Regex NodeCredential();

    [GeneratedRegex(@"Hub__Nodes__(?<n>\d+)__Id:\s*(?<id>\S+)\s*\n(?:\s*Hub__Nodes__\k<n>__\w+:[^\n]*\n)*?\s*Hub__Nodes__\k<n>__Credential:\s*\$\{(?<variable>[A-Z_]+):\?")]
    private static partial Regex RegisteredCredential();
}
