using System.Diagnostics;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Tests;

/// <summary>A department's export as a trace of its own, for specs that follow a change set's trace through the hub.</summary>
static class DepartmentTraces
{
    static readonly ActivitySource Department = new("ZoningHub.Tests.Department");

    /// <summary>Sends the change set inside a new trace (a <see cref="ZoningHub.Testing.RecordedSpans"/> of every source must be listening).</summary>
    public static async Task<ActivityTraceId> SendTracedAsync(HubHost hub, ChangeSetPublished changeSet)
    {
        Activity.Current = null;
        using var export = Department.StartActivity("department.export")!;
        await hub.SendAndTakeAsync(changeSet);
        return export.TraceId;
    }

    /// <summary>The traces a span continues or links.</summary>
    public static HashSet<ActivityTraceId> Reaches(Activity span) => [span.TraceId, .. span.Links.Select(l => l.Context.TraceId)];
}
