using System.Net;

namespace ZoningHub.Standalone;

/// <summary>
/// The embedded run ships its credentials in appsettings.json and the README, so that its first command works with
/// nothing to set: they keep nothing out of a run only this machine can reach. A run reachable from elsewhere with
/// one of them would take operator actions, and pushes to its nodes, from anyone who has read the README.
/// </summary>
public static class PublishedCredentials
{
    /// <summary>The published credential of each setting, as in appsettings.json.</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        ["Hub:OperatorCredential"] = "embedded-operator",
        ["Hub:PushCredential"] = "embedded-hub-credential",
    };

    static readonly string[] PortSettings = ["http_ports", "https_ports"];

    /// <summary>Why this configuration must not start: a published credential on an address beyond this machine; or null.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        var published = string.Join(" and ", Defaults.Where(d => configuration[d.Key] == d.Value).Select(d => d.Key));
        if (published.Length == 0 || ListeningAddresses(configuration).FirstOrDefault(a => !IsLoopback(a.Url)) is not { Setting: not null } exposed)
        {
            return null;
        }

        return $"The embedded run would listen on {exposed.Url} ({exposed.Setting}), beyond this machine, with the published credential of "
            + $"{published}, which anyone who has read the README holds. Set {published} to secrets of your own "
            + "(e.g. --Hub:OperatorCredential=<secret> --Hub:PushCredential=<secret>, or Hub__OperatorCredential and Hub__PushCredential "
            + $"in the environment), or set {exposed.Setting} to a 127.0.0.1 address.";
    }

    /// <summary>
    /// Every address the run listens on, by the setting that gives it: the host's, as Kestrel picks them (its endpoints,
    /// unless <c>preferHostingUrls</c> puts these first, or else <c>--urls</c> / <c>ASPNETCORE_URLS</c> and
    /// <c>ASPNETCORE_HTTP(S)_PORTS</c>, a port alone being every address), and its nodes'.
    /// </summary>
    public static IEnumerable<(string Setting, string Url)> ListeningAddresses(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => ($"Kestrel:Endpoints:{e.Key}:Url", e["Url"] ?? "")).ToList();
        var urls = Split(configuration["urls"]).Select(url => ("urls", url));
        var ports = PortSettings.SelectMany(key => Split(configuration[key]).Select(port => (key, $"http://*:{port}")));
        var nodes = configuration.GetSection("Embedded:Nodes").GetChildren().SelectMany(node => new[]
        {
            ($"Embedded:Nodes:{node.Key}:HttpUrl", node["HttpUrl"] ?? ""), ($"Embedded:Nodes:{node.Key}:GrpcUrl", node["GrpcUrl"] ?? ""),
        });
        // --preferHostingUrls has Kestrel bind the urls and ports given instead of its endpoints.
        var hosting = urls.Concat(ports).ToList();
        var host = endpoints.Count > 0 && !(configuration.GetValue<bool>("preferHostingUrls") && hosting.Count > 0) ? endpoints : hosting;
        return host.Concat(nodes).Where(a => a.Item2.Length > 0);
    }

    static string[] Split(string? list) => (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>As Kestrel binds it: <c>localhost</c> and loopback addresses stay on this machine; any other host binds every address.</summary>
    static bool IsLoopback(string url)
    {
        var host = BindingAddress.Parse(url).Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
