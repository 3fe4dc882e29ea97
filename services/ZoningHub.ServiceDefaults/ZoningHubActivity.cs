using System.Diagnostics;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// The spans of ZoningHub's own stages. Work that waits in a store between stages (the adapter's outbox, a
/// marked county, the unit log) keeps the W3C <c>traceparent</c> of the span that queued it, and the next
/// stage continues that trace from it, so one change set reads as one trace from adapter to node.
/// </summary>
public static class ZoningHubActivity
{
    public static readonly ActivitySource Source = new(ServiceDefaultsExtensions.ZoningHubSource);

    /// <summary>Starts a span under a stored <paramref name="traceParent"/>, or under the current span without one. Null when nothing listens.</summary>
    public static Activity? Start(string name, string? traceParent) => Source.StartActivity(name, ActivityKind.Internal, Parse(traceParent));

    /// <summary>
    /// Starts a span for work that serves several traces at once, such as a derivation pass over counties marked by
    /// many change sets: a child of the first trace, linked to the others.
    /// </summary>
    public static Activity? StartCoalesced(string name, IReadOnlyList<string> traceParents)
    {
        var contexts = traceParents.Select(Parse).Where(c => c != default).Distinct().ToList();
        return contexts.Count == 0 ? Start(name, null)
            : Source.StartActivity(name, ActivityKind.Internal, contexts[0], links: contexts.Skip(1).Select(c => new ActivityLink(c)));
    }

    /// <summary>
    /// As <see cref="Start"/>, without becoming the current span: for spans that run side by side, such as one per
    /// change set of a batch, where each would otherwise become the parent of the next.
    /// </summary>
    public static Activity? StartBeside(string name, string? traceParent)
    {
        var current = Activity.Current;
        var activity = Start(name, traceParent);
        Activity.Current = current;
        return activity;
    }

    /// <summary>The span's W3C <c>traceparent</c>, to store with the work it queues.</summary>
    public static string? TraceParent(this Activity? activity) => activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null;

    /// <summary>
    /// Ends the span as failed, with the reason: an exception leaving a span's scope does not set its status, and the
    /// trace of a change that did not get through showed nothing failed.
    /// </summary>
    public static void Failed(this Activity? span, string reason) => span?.SetStatus(ActivityStatusCode.Error, reason);

    // Remote: the span that stored it may be in another process, and ended long ago.
    static ActivityContext Parse(string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
}
