using System.Net.Http.Headers;
using System.Text;

namespace ZoningHub.Testing;

/// <summary>
/// A broker someone else runs, named by RABBITMQ_URL. Virtual hosts come from the management HTTP API when
/// RABBITMQ_MANAGEMENT_URL is set; without it every test shares the given URL's virtual host.
/// </summary>
internal sealed class ExternalBrokerBackend(Uri amqpUrl, Uri? managementUrl) : IBrokerBackend
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri? api = managementUrl is null
        ? null
        : new Uri(managementUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/api/");
    private readonly List<string> createdVirtualHosts = [];

    public string Description => $"external broker {Redact(amqpUrl)} (RABBITMQ_URL)";

    public Uri AmqpUrl => amqpUrl;

    public bool CanStopAndStart => false;

    private (string User, string Password) AmqpCredentials => Credentials(amqpUrl) ?? ("guest", "guest");

    public async Task<Uri> CreateVirtualHostAsync(string name, CancellationToken cancellationToken)
    {
        if (api is null)
        {
            return amqpUrl;
        }

        var vhost = Uri.EscapeDataString(name);
        await SendAsync(api, HttpMethod.Put, $"vhosts/{vhost}", "{}", cancellationToken);
        createdVirtualHosts.Add(name);
        await SendAsync(
            api,
            HttpMethod.Put,
            $"permissions/{vhost}/{Uri.EscapeDataString(AmqpCredentials.User)}",
            """{"configure":".*","write":".*","read":".*"}""",
            cancellationToken);

        return new UriBuilder(amqpUrl) { Path = "/" + vhost }.Uri;
    }

    /// <remarks>The users it creates stay on the broker (users are not a virtual host's): the tests prefix their names.</remarks>
    public async Task ImportDefinitionsAsync(string json, CancellationToken cancellationToken)
    {
        if (api is null)
        {
            throw new NotSupportedException("Importing broker definitions needs the management HTTP API: set RABBITMQ_MANAGEMENT_URL beside RABBITMQ_URL.");
        }

        await SendAsync(api, HttpMethod.Post, "definitions", json, cancellationToken);
    }

    public Task StopBrokerAsync(CancellationToken cancellationToken) => throw NotOurs();

    public Task StartBrokerAsync(CancellationToken cancellationToken) => throw NotOurs();

    public async ValueTask DisposeAsync()
    {
        // The broker outlives the tests, so the virtual hosts they made must not pile up on it.
        if (api is not null)
        {
            foreach (var name in createdVirtualHosts)
            {
                try
                {
                    await SendAsync(
                        api, HttpMethod.Delete, $"vhosts/{Uri.EscapeDataString(name)}", null, CancellationToken.None);
                }
                catch (Exception e)
                    when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    // Best effort: a leftover virtual host must not turn a passing run into a failing one.
                }
            }
        }

        http.Dispose();
    }

    private async Task SendAsync(
        Uri apiBase, HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        // The management URL may carry its own user (an administrator); otherwise the AMQP user must be one.
        var (user, password) = (managementUrl is null ? null : Credentials(managementUrl)) ?? AmqpCredentials;
        var uri = new Uri(apiBase, path);
        using var request = new HttpRequestMessage(method, uri);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException(
                $"RabbitMQ management API {method} {uri.AbsolutePath} answered {(int)response.StatusCode}: {body}");
        }
    }

    private static (string User, string Password)? Credentials(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        var parts = uri.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
    }

    private static string Redact(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri.ToString() : new UriBuilder(uri) { Password = "***" }.Uri.ToString();

    private static NotSupportedException NotOurs() => new(
        "The broker comes from RABBITMQ_URL, so the tests do not own it and cannot stop or start it. "
        + "Unset RABBITMQ_URL to let the tests start their own broker (a Docker container or a local node).");
}
