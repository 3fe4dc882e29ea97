using System.Net.Http.Headers;
using System.Text;

namespace ZoningHub.Adapters.Kit;

/// <summary>
/// How the adapter identifies itself to a department's service, at most one of: a header of the service's own
/// (<c>HeaderName</c> and <c>HeaderValue</c>, e.g. an API key), a <c>BearerToken</c>, or a <c>Username</c> and
/// <c>Password</c> (HTTP Basic). Bind them from secret settings (user secrets, environment variables, a mounted
/// secrets file), never from the Url: a Url is logged and shown at <c>/api/adapters</c>.
/// </summary>
public sealed class HttpSourceCredentials
{
    public string? HeaderName { get; set; }

    public string? HeaderValue { get; set; }

    public string? BearerToken { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Which kind is set (<c>header</c>, <c>bearer</c>, <c>basic</c> or <c>none</c>): what the status API shows, never the secret.</summary>
    public string Kind => Kinds() switch
    {
        [] => "none",
        [var kind] => kind,
        var kinds => string.Join('+', kinds),
    };

    public void Apply(HttpRequestHeaders headers)
    {
        if (!string.IsNullOrEmpty(HeaderName))
        {
            headers.TryAddWithoutValidation(HeaderName, HeaderValue);
        }
        else if (!string.IsNullOrEmpty(BearerToken))
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
        }
        else if (!string.IsNullOrEmpty(Username))
        {
            headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        }
    }

    /// <summary>What is wrong with the settings, each naming the setting; nothing when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Kinds().Count > 1)
        {
            yield return $"sets {string.Join(" and ", Kinds())} credentials; set one kind only.";
        }

        if (!string.IsNullOrEmpty(HeaderName) && string.IsNullOrEmpty(HeaderValue))
        {
            yield return "HeaderName needs a HeaderValue.";
        }

        if (!string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(Username))
        {
            yield return "Password needs a Username.";
        }
    }

    List<string> Kinds() =>
    [
        .. new[] { ("header", HeaderName), ("bearer", BearerToken), ("basic", Username) }
            .Where(k => !string.IsNullOrEmpty(k.Item2)).Select(k => k.Item1),
    ];
}
