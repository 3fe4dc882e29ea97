using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Adapters.Tests.Inbox;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>An HTTP source's settings are checked when the adapter is added, so a wrong one stops the start with the setting's name.</summary>
public sealed class When_an_HTTP_source_is_configured : IDisposable
{
    const string Source = "Adapters:natural-resources:HttpSources:0";
    readonly TemporaryInbox _state = new();

    [Fact]
    public void Should_refuse_to_start_with_credentials_in_the_Url_and_say_where_they_belong()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Start(($"{Source}:Url", "https://onemap:s3cret@onemap.example.gov.cn/items")));

        var message = Assert.Single(error.Failures, f => f.StartsWith($"{Source}:Url:", StringComparison.Ordinal));
        Assert.Contains("Credentials:Username", message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_to_start_with_two_kinds_of_credentials()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Start(($"{Source}:Url", "https://onemap.example.gov.cn/items"),
            ($"{Source}:Credentials:BearerToken", "t0ken"), ($"{Source}:Credentials:Username", "onemap"), ($"{Source}:Credentials:Password", "s3cret")));

        Assert.Contains(error.Failures, f => f.StartsWith($"{Source}:Credentials:", StringComparison.Ordinal) && f.Contains("one kind only", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_start_with_credentials_from_the_settings()
    {
        var builder = Start(($"{Source}:Url", "https://onemap.example.gov.cn/items"),
            ($"{Source}:Credentials:Username", "onemap"), ($"{Source}:Credentials:Password", "s3cret"));

        using var services = builder.Services.BuildServiceProvider();
        var adapter = services.GetRequiredService<DepartmentAdapter>();
        Assert.Equal("basic", Assert.Single(adapter.Options.HttpSources).Credentials.Kind);
    }

    HostApplicationBuilder Start(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)).Concat(
        [
            KeyValuePair.Create($"{Source}:Layer", (string?)RedlinePages.Layer),
            KeyValuePair.Create("Adapters:natural-resources:StateDirectory", (string?)Path.Combine(_state.Root, "adapter")),
            KeyValuePair.Create("Adapters:natural-resources:InboxDirectory", (string?)Path.Combine(_state.Root, "inbox")),
        ]));
        builder.AddDepartmentAdapter(NativeSchemas.OneMap);
        return builder;
    }

    public void Dispose() => _state.Dispose();
}
