using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Hub.Tests;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>Digest checks keep their schedule on a monotonic clock; the hub's wall clock only says when they happened.</summary>
public sealed class When_the_hubs_clock_is_set_back
{
    const string Credential = "clock-specs-credential";

    [Fact]
    public async Task Should_go_on_checking_each_nodes_digest_and_show_when_by_the_clock_as_set()
    {
        using var data = new TemporaryDirectory("zoninghub-clock-");
        await using var node = new NodeHost("national", "national", Credential, Path.Combine(data.Path, "nodes"));
        await node.StartAsync();
        var clock = new SettableClock();
        await using var hub = await HubHost.StartAsync(Path.Combine(data.Path, "hub"), _ => { }, services => services.AddSingleton<TimeProvider>(clock),
            ("Hub:PushCredential", Credential), ("Hub:DigestInterval", "00:00:01"),
            ("Hub:Nodes:0:Id", "national"), ("Hub:Nodes:0:Scope", "national"), ("Hub:Nodes:0:Address", node.GrpcUrl.ToString()));
        await hub.SendAndTakeAsync(ProvinceWorld.Initial()[0]);
        await hub.SettledAsync((Sources.OneMap, 1));
        await Eventually.HoldsAsync(() => node.Acknowledged() == hub.HeadRevision() && VerifiedAt(hub) is not null, "the node is pushed to and its digest checked");

        clock.SetBack(TimeSpan.FromHours(1));
        var setBack = clock.GetUtcNow();

        await Eventually.HoldsAsync(() => VerifiedAt(hub) is { } at && at >= setBack && at < DateTimeOffset.UtcNow.AddMinutes(-30),
            () => $"a digest check within the interval after the clock went back to {setBack:O}, dated by it: last at {VerifiedAt(hub):O}", 15);
    }

    static DateTimeOffset? VerifiedAt(HubHost hub) =>
        hub.GetJsonAsync("/api/status").GetAwaiter().GetResult().GetProperty("nodes")[0].GetProperty("digest") is { ValueKind: System.Text.Json.JsonValueKind.Object } digest
            ? digest.GetProperty("verifiedAt").GetDateTimeOffset()
            : null;
}
