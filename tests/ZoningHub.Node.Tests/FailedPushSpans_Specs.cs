using System.Diagnostics;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Review of the traces an operator reads when a node falls behind: the hub's <c>hub.push</c> span and the node's
/// <c>node.apply</c> span of a push the node's store refused end with no status at all, as if they had succeeded. An
/// exception leaving a span's scope does not set its status (OpenTelemetry .NET records it only when told), and
/// neither span is told: the trace of the change that did not reach the node shows nothing failed, nor why.
/// </summary>
public sealed class When_a_nodes_store_refuses_a_push : IDisposable
{
    readonly RecordedSpans _spans = new("ZoningHub");

    [Fact]
    public async Task Should_end_the_push_and_apply_spans_as_errors_with_the_stores_reason()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        using (var store = system.Province("33").Database.Open())
        {
            store.Execute(null, """
                CREATE TRIGGER units_refused BEFORE UPDATE ON units BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
                CREATE TRIGGER units_refused_insert BEFORE INSERT ON units BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
                """);
        }

        _spans.Stopped.Clear();
        await system.SendAsync(ProvinceWorld.Edit(1, "33"));
        await Eventually.HoldsAsync(() => system.NodeStatus("zhejiang").GetProperty("lastError").GetString()?.Contains("database or disk is full", StringComparison.Ordinal) == true,
            () => $"the hub shows the node's refusal: {system.NodeStatus("zhejiang")}");
        await Eventually.HoldsAsync(() => Spans("hub.push").Any() && Spans("node.apply").Any(), "the refused push and apply are traced");

        Assert.All(Spans("hub.push").Concat(Spans("node.apply")).ToList(), span =>
        {
            Assert.True(span.Status == ActivityStatusCode.Error,
                $"{span.OperationName} of a push the node's store refused ends with status {span.Status} ('{span.StatusDescription}')");
            Assert.Contains("database or disk is full", span.StatusDescription ?? "", StringComparison.Ordinal);
        });
    }

    IEnumerable<Activity> Spans(string operation) =>
        _spans.Stopped.Where(s => s.OperationName == operation && s.GetTagItem("zoninghub.node") as string == "zhejiang");

    public void Dispose() => _spans.Dispose();
}
