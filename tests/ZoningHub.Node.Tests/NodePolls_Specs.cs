using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// The hub asks every node where it stands every 2 s, and for its digest every Hub:DigestInterval. Traced, each
/// poll was a new trace (gRPC client, HTTP client and the node's server span), about one a second per node forever.
/// The polls are untraced; a push is still traced.
/// </summary>
public sealed class When_the_hub_polls_an_idle_node
{
    static readonly string[] Polls = [.. new[] { "GetNodeState", "GetDigest" }.Select(Method)];

    [Fact]
    public async Task Should_record_no_span_of_the_polls_while_a_push_is_still_traced()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        // What the hub's pipeline would export (spans of the nodes in this process included: listeners are process-wide).
        var exported = new Exported();
        system.Hub.Service<TracerProvider>().AddProcessor(exported);

        // Digests are compared every second here: a few rounds of both polls.
        var verifiedAt = VerifiedAt(system);
        await Eventually.HoldsAsync(() => VerifiedAt(system) != verifiedAt, "the hub polls the national node's digest again");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(exported.Of(Polls).Count == 0, $"no span of a poll is exported; exported:\n{exported.Describe(Polls)}");

        await system.SendAsync(ProvinceWorld.Edit(1, "33"));
        await Eventually.HoldsAsync(() => exported.Of([Method("ApplyUnits")]).Count > 0, "the push that follows the edit is traced");
        Assert.True(exported.Of(Polls).Count == 0, $"no span of a poll is exported; exported:\n{exported.Describe(Polls)}");
    }

    [Fact]
    public void Should_leave_out_the_polls_by_the_paths_the_generated_service_serves()
    {
        Assert.Equal(Polls.Select(p => "/" + p), NodePolls.Paths);
    }

    // As gRPC names it in the request path: zoninghub.push.v1.UnitPush/GetNodeState.
    static string Method(string name) => $"{UnitPush.Descriptor.FullName}/{UnitPush.Descriptor.FindMethodByName(name)!.Name}";

    static string? VerifiedAt(PushedSystem system) =>
        system.NodeStatus("national").TryGetProperty("digest", out var digest) && digest.ValueKind == System.Text.Json.JsonValueKind.Object
            ? digest.GetProperty("verifiedAt").GetString() : null;

    /// <summary>Every span the pipeline ends as recorded, which is what its exporters are given.</summary>
    sealed class Exported : BaseProcessor<Activity>
    {
        readonly ConcurrentQueue<Activity> _spans = new();

        public override void OnEnd(Activity data)
        {
            if (data.Recorded)
            {
                _spans.Enqueue(data);
            }
        }

        /// <summary>Spans whose name or any tag (rpc method, URL, path) names one of the methods.</summary>
        public List<Activity> Of(IReadOnlyList<string> methods) =>
            [.. _spans.Where(s => methods.Any(m => Text(s).Contains(m, StringComparison.Ordinal)))];

        public string Describe(IReadOnlyList<string> methods) => string.Join('\n', Of(methods).Select(Text));

        static string Text(Activity span) =>
            $"{span.Source.Name}/{span.DisplayName} {string.Join(' ', span.TagObjects.Select(t => $"{t.Key}={t.Value}"))}";
    }
}
