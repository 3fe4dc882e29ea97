using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// Review of the distributed deployment: infra/scripts/run-distributed.sh ends by naming the broker's management UI and
/// the login for it, <c>hub / $password</c>. The management UI admits only users tagged <c>management</c> (or
/// <c>policymaker</c>, <c>monitoring</c>, <c>administrator</c>), and definitions.json gives <c>hub</c> no tags: the login the
/// script names is refused with "Not management user" (checked against the script's broker, RabbitMQ 3.10.8).
/// </summary>
public sealed partial class When_run_distributed_names_a_login_for_the_broker_ui
{
    static readonly string[] UiTags = ["management", "policymaker", "monitoring", "administrator"];

    [Fact]
    public void Should_name_a_user_the_management_ui_admits()
    {
        var root = DeploymentBroker.RepositoryRoot();
        var script = File.ReadAllText(Path.Combine(root, "infra", "scripts", "run-distributed.sh"));
        var named = BrokerUiLogin().Match(script);
        Assert.True(named.Success, "run-distributed.sh names a login for the broker UI");
        var user = named.Groups["user"].Value;

        var definitions = JsonNode.Parse(File.ReadAllText(DeploymentBroker.DefinitionsPath))!;
        var tags = definitions["users"]!.AsArray().Single(u => u!["name"]!.GetValue<string>() == user)!["tags"]!.AsArray()
            .Select(t => t!.GetValue<string>()).ToList();
        Assert.True(tags.Intersect(UiTags).Any(),
            $"run-distributed.sh tells the operator to log in to the broker UI as '{user}', whose tags in definitions.json are [{string.Join(", ", tags)}]: the UI refuses it");
    }

    [GeneratedRegex(@"broker UI [^(]*\((?<user>[\w-]+) / \$password\)")]
    private static partial Regex BrokerUiLogin();
}
