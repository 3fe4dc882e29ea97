using System.Diagnostics;
using ZoningHub.Contracts;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>Issue 6: one change set is one trace, from the adapter's export through the hub's stages to the node's apply.</summary>
[Collection(RealBroker.Name)]
public sealed class When_tracing_a_change_set : IDisposable
{
    static readonly ActivitySource Department = new("ZoningHub.Tests.Department");
    readonly RabbitMqBroker _broker;
    // Every source, so the chain from node to adapter has no gaps (gRPC, HTTP, ASP.NET Core and MassTransit spans sit between ours).
    readonly RecordedSpans _spans = new();

    public When_tracing_a_change_set(RabbitMqBroker broker) => _broker = broker;

    [Fact]
    public async Task Should_follow_an_export_from_the_adapter_through_intake_derivation_and_push_to_the_node_apply()
    {
        await using var system = await ZoningHubSystem.StartAsync(await _broker.CreateVirtualHostAsync("tracing"));
        var inbox = Path.Combine(Path.GetDirectoryName(system.AdapterStateDirectory)!, "inbox");

        system.DropExport("admin-division", Samples.HangzhouCounties);

        // Other tests in this process trace too: this test's trace is the one its own export started.
        Activity? export = null;
        await Eventually.HoldsAsync(() => (export = _spans.Stopped.FirstOrDefault(s => s.OperationName == "adapter.export"
            && (s.GetTagItem("zoninghub.export.file") as string)?.StartsWith(inbox, StringComparison.Ordinal) == true)) is not null,
            "the adapter traces the export it takes");
        var trace = export!.TraceId;
        Activity? apply = null;
        await Eventually.HoldsAsync(() => (apply = Trace(trace).FirstOrDefault(s => s.OperationName == "node.apply")) is not null,
            () => $"the node's apply joins the export's trace {trace}; in it:\n{Describe(Trace(trace))}\nour spans in any trace:\n"
                + Describe(_spans.Stopped.Where(s => s.Source == ZoningHubActivity.Source)));
        Assert.Equal(Samples.HangzhouCountyCount, system.NodeUnits().Count);

        // A span is recorded when it stops, and a parent stops after its children: the push waits for the node's
        // reply, the derivation pass finishes its bookkeeping after waking the pushers. So wait for the chain.
        string[] stages = ["node.apply", "hub.push", "hub.derive", "hub.intake", "adapter.publish", "adapter.export"];
        var chain = new List<string>();
        await Eventually.HoldsAsync(() =>
        {
            var spans = Trace(trace).ToDictionary(s => s.SpanId);
            chain = [];
            for (var span = apply; span is not null; span = spans.GetValueOrDefault(span.ParentSpanId))
            {
                chain.Add(span.OperationName);
            }

            return chain[^1] == "adapter.export";
        }, () => $"node.apply's ancestry reaches the export; it is {string.Join(" <- ", chain)}; every span of trace {trace}:\n{Describe(Trace(trace))}");

        // From the node back to the export, every span's parent is in the same trace: no stage started a new one.
        Assert.True(stages.SequenceEqual(chain.Where(stages.Contains)),
            $"node.apply's ancestry is {string.Join(" <- ", chain)}; every span of trace {trace}:\n{Describe(Trace(trace))}");
    }

    [Fact]
    public async Task Should_continue_each_plain_JSON_publishers_trace_from_its_traceparent_header()
    {
        var virtualHost = await _broker.CreateVirtualHostAsync("tracing-plain-json");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost, withAdapter: false);
        // Department systems without MassTransit send the W3C Trace Context header, not MassTransit's MT-Activity-Id.
        // Sent back to back, the hub takes them in one batch, whose own consume span is in one trace only: each
        // change set's intake must find its sender's trace in its own message.
        var sent = Enumerable.Range(1, 4).Select(sequence =>
        {
            Activity.Current = null;
            var export = Department.StartActivity("department.export")!;
            return (Body: System.Text.Json.JsonSerializer.Serialize(Samples.HangzhouChangeSet(sequence: sequence), System.Text.Json.JsonSerializerOptions.Web),
                Sender: export, Trace: export.TraceId);
        }).ToList();
        Activity.Current = null;

        await PlainJsonPublisher.PublishAllAsync(virtualHost, Topology.ChangeSetExchange("natural-resources"), [.. sent.Select(s => (s.Body, s.Sender))]);
        sent.ForEach(s => s.Sender.Dispose());

        await Eventually.HoldsAsync(() => sent.All(s => Trace(s.Trace).Any(span => span.OperationName == "hub.intake")),
            () => $"the hub's intake of each change set continues its sender's trace ({string.Join(", ", sent.Select(s => s.Trace))}); intake spans:\n"
                + Describe(_spans.Stopped.Where(s => s.OperationName == "hub.intake")));
    }

    IEnumerable<Activity> Trace(ActivityTraceId trace) => _spans.Stopped.Where(s => s.TraceId == trace);

    static string Describe(IEnumerable<Activity> spans) => string.Join('\n', spans.OrderBy(s => s.StartTimeUtc)
        .Select(s => $"  {s.Source.Name}/{s.OperationName} {s.TraceId}/{s.SpanId} parent {s.ParentSpanId}"));

    public void Dispose() => _spans.Dispose();
}
