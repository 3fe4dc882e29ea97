using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// The deployment's broker (infra/rabbitmq/definitions.json, which docker-compose.yml loads at boot) in a virtual host
/// of the test broker: its users, each with the deployment's permissions, its policies and its topology.
/// </summary>
static class DeploymentBroker
{
    public static string DefinitionsPath => Path.Combine(RepositoryRoot(), "infra", "rabbitmq", "definitions.json");

    /// <summary>
    /// Imports the definitions with virtual host <c>zoninghub</c> renamed to <paramref name="virtualHost"/> and each
    /// user to <c>virtualHost.user</c> (users are the broker's, shared by every test) with a password of the test's.
    /// </summary>
    /// <returns>Each deployment user's AMQP URL, by the user's name in the definitions.</returns>
    public static async Task<IReadOnlyDictionary<string, Uri>> CreateAsync(RabbitMqBroker broker, string virtualHost)
    {
        var definitions = JsonNode.Parse(await File.ReadAllTextAsync(DefinitionsPath))!.AsObject();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        string Renamed(string user) => $"{virtualHost}.{user}";
        var users = definitions["users"]!.AsArray().Select(u => u!["name"]!.GetValue<string>()).ToList();
        foreach (var user in definitions["users"]!.AsArray())
        {
            user!["name"] = Renamed(user["name"]!.GetValue<string>());
            user["password_hash"] = PasswordHash(password);
        }

        foreach (var section in new[] { "vhosts", "permissions", "topic_permissions", "policies", "queues", "exchanges", "bindings", "parameters" })
        {
            foreach (var entry in definitions[section]?.AsArray() ?? [])
            {
                entry![section == "vhosts" ? "name" : "vhost"] = virtualHost;
                if (entry["user"] is { } user)
                {
                    entry["user"] = Renamed(user.GetValue<string>());
                }
            }
        }

        await broker.ImportDefinitionsAsync(definitions.ToJsonString());
        return users.ToDictionary(user => user, user => new UriBuilder(broker.AmqpUrl)
        {
            UserName = Uri.EscapeDataString(Renamed(user)), Password = password, Path = "/" + Uri.EscapeDataString(virtualHost),
        }.Uri);
    }

    /// <summary>RabbitMQ's <c>rabbit_password_hashing_sha256</c>: base64 of a 4-byte salt and SHA-256(salt ‖ password).</summary>
    static string PasswordHash(string password, byte[]? salt = null)
    {
        salt ??= RandomNumberGenerator.GetBytes(4);
        return Convert.ToBase64String([.. salt, .. SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)])]);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZoningHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No ZoningHub.sln above {AppContext.BaseDirectory}.");
    }
}
