using System.Text.RegularExpressions;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// Review of the distributed deployment: infra/README.md says no credential is in docker-compose.yml, that compose takes
/// them from the environment and refuses to start without them. The broker passwords are the exception: each service's
/// <c>Bus__RabbitMqUrl</c> carries the literal <c>change-me</c>, which none of the placeholder hashes in
/// infra/rabbitmq/definitions.json is the hash of, so as shipped every service on the bus stops at start with
/// <c>ACCESS_REFUSED - Login was refused</c> and restarts, and the only way to a working deployment is to write the real
/// broker passwords into the tracked docker-compose.yml.
/// </summary>
public sealed partial class When_the_deployment_connects_its_services_to_the_broker
{
    [Fact]
    public void Should_take_each_services_broker_password_from_the_environment_as_it_does_the_push_credentials()
    {
        var compose = File.ReadAllText(Path.Combine(DeploymentBroker.RepositoryRoot(), "docker-compose.yml"));
        var passwords = BrokerUrl().Matches(compose).Select(m => (User: m.Groups["user"].Value, Password: m.Groups["password"].Value)).ToList();

        Assert.Equal(5, passwords.Count);
        Assert.All(passwords, p => Assert.True(RequiredVariable().IsMatch(p.Password),
            $"docker-compose.yml connects as '{p.User}' with the literal password '{p.Password}', not a required ${{VARIABLE:?…}} from the environment"));
    }

    [GeneratedRegex(@"Bus__RabbitMqUrl:\s*amqp://(?<user>[^:@\s]+):(?<password>[^@\s]+)@")]
    private static partial Regex BrokerUrl();

    [GeneratedRegex(@"^\$\{[A-Z_]+:\?[^}]*\}$")]
    private static partial Regex RequiredVariable();
}
