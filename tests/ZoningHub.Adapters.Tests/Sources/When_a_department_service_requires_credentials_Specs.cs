using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Kit.Outbox;
using ZoningHub.Adapters.Tests.Inbox;
using static ZoningHub.Adapters.Tests.Sources.RedlinePages;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>
/// A service that serves its layer only to callers who identify themselves: the credentials come from the source's
/// settings, go to that service only, and never show in a log or a status; a refusal (401) is a configuration error
/// an operator sees at <c>/api/adapters</c>, not a service that seems down.
/// </summary>
public sealed class When_a_department_service_requires_credentials : IAsyncLifetime, IDisposable
{
    const string Secret = "s3cret";
    readonly TemporaryInbox _state = new();
    DepartmentService _service = null!;
    string? _authorizationElsewhere;

    public async Task InitializeAsync() => _service = await DepartmentService.StartAsync(app =>
    {
        app.MapGet("/secured", (HttpRequest request) => Allowed(request)
            ? Results.Text(Page([1], request.Query.ContainsKey("onward") ? $"http://localhost:{request.Host.Port}/elsewhere" : null), "application/geo+json")
            : Results.Unauthorized());
        app.MapGet("/elsewhere", (HttpRequest request) =>
        {
            _authorizationElsewhere = request.Headers.Authorization.ToString();
            return Results.Text(Page([2], null), "application/geo+json");
        });
    });

    static bool Allowed(HttpRequest request) =>
        request.Headers.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"onemap:{Secret}"))
        || request.Headers.Authorization == $"Bearer {Secret}"
        || request.Headers["X-Api-Key"] == Secret;

    [Theory]
    [InlineData("basic")]
    [InlineData("bearer")]
    [InlineData("header")]
    public async Task Should_take_the_layer_with_the_credentials_set(string kind)
    {
        var adapter = _state.Adapter();
        var credentials = kind switch
        {
            "basic" => new HttpSourceCredentials { Username = "onemap", Password = Secret },
            "bearer" => new HttpSourceCredentials { BearerToken = Secret },
            _ => new HttpSourceCredentials { HeaderName = "X-Api-Key", HeaderValue = Secret },
        };

        await Source(adapter, _service.Url("/secured"), credentials).PollAsync(CancellationToken.None);

        Assert.Equal(1, adapter.Store.Position().LastSequence);
    }

    [Fact]
    public async Task Should_show_a_refusal_at_api_adapters_as_a_configuration_error()
    {
        var adapter = _state.Adapter();
        adapter.Options.HttpSources.Add(new HttpSourceOptions { Layer = Layer, Url = _service.Url("/secured") });
        await Source(adapter, _service.Url("/secured"), new()).PollAsync(CancellationToken.None);

        await using var api = await DepartmentService.StartAsync(app => app.MapAdapterStatus(),
            services => services.AddSingleton(adapter).AddSingleton<AdapterRegistry>());
        using var http = new HttpClient();
        var status = Assert.Single((await http.GetFromJsonAsync<JsonElement>(api.Url("/api/adapters"))).EnumerateArray());

        var source = Assert.Single(status.GetProperty("httpSources").EnumerateArray());
        Assert.Equal(PollOutcomes.Misconfigured, source.GetProperty("lastOutcome").GetString());
        Assert.Equal(401, source.GetProperty("lastStatus").GetInt32());
        Assert.Contains("Credentials", source.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("none", source.GetProperty("credentials").GetString());
        Assert.True(source.TryGetProperty("lastPolledAt", out _));
        // What the API showed before stays as it was.
        Assert.Equal(0, status.GetProperty("lastSequence").GetInt64());
        Assert.Equal("natural-resources.one-map", status.GetProperty("stream").GetString());
        Assert.Equal(JsonValueKind.Array, status.GetProperty("recentlyRefused").ValueKind);
    }

    [Fact]
    public async Task Should_send_the_credentials_to_the_service_they_are_set_for_only()
    {
        var adapter = _state.Adapter();

        // The next page is on another host (localhost, not 127.0.0.1), which was given no secret.
        await Source(adapter, _service.Url("/secured?onward=1"), new() { BearerToken = Secret }).PollAsync(CancellationToken.None);

        Assert.Equal(1, adapter.Store.Position().LastSequence);
        Assert.Equal("", _authorizationElsewhere);
    }

    [Fact]
    public async Task Should_never_log_or_record_credentials_written_into_the_Url()
    {
        var adapter = _state.Adapter();
        var logger = new RecordingLogger<HttpExportSource>();
        var url = new Uri(_service.Url("/secured").ToString().Replace("http://", $"http://onemap:{Secret}@", StringComparison.Ordinal));

        await new HttpExportSource(adapter, new HttpSourceOptions { Layer = Layer, Url = url }, new HttpClient(), logger).PollAsync(CancellationToken.None);

        var poll = Assert.Single(adapter.Store.LastPolls().Values);
        Assert.Equal(PollOutcomes.Misconfigured, poll.Outcome);
        Assert.NotEmpty(logger.Messages);
        Assert.DoesNotContain(logger.Messages.Append(poll.Source).Append(poll.Error), m => m?.Contains(Secret, StringComparison.Ordinal) == true);
    }

    static HttpExportSource Source(DepartmentAdapter adapter, Uri url, HttpSourceCredentials credentials) =>
        new(adapter, new HttpSourceOptions { Layer = Layer, Url = url, Credentials = credentials }, new HttpClient(), NullLogger<HttpExportSource>.Instance);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _state.Dispose();
}
