using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// Review of the distributed deployment: infra/README.md says no credential is in docker-compose.yml, that compose takes
/// them from the environment and refuses to start without them. The broker passwords were the exception: each service's
/// <c>Bus__RabbitMqUrl</c> carried the literal <c>change-me</c>, which none of the placeholder hashes in
/// infra/rabbitmq/definitions.json is the hash of, so as shipped every service on the bus stopped at start with
/// <c>ACCESS_REFUSED - Login was refused</c> and restarted, and the only way to a working deployment was to write the real
/// broker passwords into the tracked docker-compose.yml. Now each password is a required variable, handed to the broker
/// too, which hashes it into the definitions it loads (infra/rabbitmq/set-passwords.sh).
/// </summary>
public sealed partial class When_the_deployment_connects_its_services_to_the_broker
{
    [Fact]
    public void Should_take_each_services_broker_password_from_the_environment_as_it_does_the_push_credentials()
    {
        var passwords = BrokerPasswords();

        Assert.Equal(5, passwords.Count);
        Assert.All(passwords, p => Assert.True(RequiredVariable().IsMatch(p.Password),
            $"docker-compose.yml connects as '{p.User}' with the literal password '{p.Password}', not a required ${{VARIABLE:?…}} from the environment"));
    }

    [Fact]
    public void Should_give_the_broker_each_password_under_the_name_it_hashes_that_users_password_from()
    {
        var broker = ComposeService().Match(Compose());
        Assert.True(broker.Success, "docker-compose.yml has a rabbitmq service");

        Assert.All(BrokerPasswords(), p =>
        {
            var variable = RequiredVariable().Match(p.Password).Groups["name"].Value;
            Assert.Equal(PasswordVariable(p.User), variable);
            Assert.Contains($"\n      {variable}: ${{{variable}:?", broker.Groups["body"].Value, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Should_hash_each_users_password_from_the_environment_into_the_definitions_the_broker_loads()
    {
        var definitions = JsonNode.Parse(await File.ReadAllTextAsync(DeploymentBroker.DefinitionsPath))!;
        var users = definitions["users"]!.AsArray().Select(u => u!["name"]!.GetValue<string>()).ToList();
        var passwords = users.ToDictionary(user => user, _ => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)) + "-._~");
        var output = Path.Combine(Path.GetTempPath(), $"zh-definitions-{Guid.NewGuid():N}.json");
        try
        {
            await SetPasswordsAsync(output, passwords.ToDictionary(p => PasswordVariable(p.Key), p => p.Value));

            var written = JsonNode.Parse(await File.ReadAllTextAsync(output))!;
            Assert.All(written["users"]!.AsArray(), user =>
            {
                var name = user!["name"]!.GetValue<string>();
                var hash = Convert.FromBase64String(user["password_hash"]!.GetValue<string>());
                Assert.True(hash.AsSpan(4).SequenceEqual(SHA256.HashData([.. hash[..4], .. Encoding.UTF8.GetBytes(passwords[name])])),
                    $"the hash written for '{name}' is RabbitMQ's sha256 hash of its password");
                user["password_hash"] = definitions["users"]!.AsArray().Single(u => u!["name"]!.GetValue<string>() == name)!["password_hash"]!.GetValue<string>();
            });
            Assert.True(JsonNode.DeepEquals(definitions, written), "set-passwords.sh changes nothing but the password hashes");
        }
        finally
        {
            File.Delete(output);
        }
    }

    static string PasswordVariable(string user) => "ZONINGHUB_BROKER_PASSWORD_" + user.ToUpperInvariant().Replace('-', '_');

    static async Task SetPasswordsAsync(string output, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(DeploymentBroker.RepositoryRoot(), "infra", "rabbitmq", "set-passwords.sh"), DeploymentBroker.DefinitionsPath, output })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"set-passwords.sh exited with {process.ExitCode}: {errors}");
    }

    static string Compose() => File.ReadAllText(Path.Combine(DeploymentBroker.RepositoryRoot(), "docker-compose.yml"));

    static List<(string User, string Password)> BrokerPasswords() =>
        BrokerUrl().Matches(Compose()).Select(m => (User: m.Groups["user"].Value, Password: m.Groups["password"].Value)).ToList();

    // A password is a ${…} read whole (its message, as the push credentials' do, has spaces), or anything else up to the '@'.
    [GeneratedRegex(@"Bus__RabbitMqUrl:\s*amqp://(?<user>[^:@\s]+):(?<password>\$\{[^}]*\}|[^@\s]+)@")]
    private static partial Regex BrokerUrl();

    [GeneratedRegex(@"^\$\{(?<name>[A-Z_]+):\?[^}]*\}$")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"^  rabbitmq:\n(?<body>.*?)\n  \S", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ComposeService();
}
