using Microsoft.Playwright;

namespace ZoningHub.Dashboard.Tests;

/// <summary>Answers the dashboard's requests from a spec, as the hub would, for states hard to reach with a real one.</summary>
static class StubbedHub
{
    /// <summary>A status with one open quarantine entry and nothing else.</summary>
    public const string StatusWithOneQuarantined = """
        {"headRevision":5,"streams":[],"nodes":[],"filings":[],"activeUnits":0,"openConflicts":0,"pendingCounties":0,
         "derivationFailures":[],"derivationFailureCount":0,"quarantinedWithoutStream":0,"quarantineOpen":1,"brokerQueues":[]}
        """;

    /// <summary>That open quarantine entry: id 8, a redline refused for a self-intersection.</summary>
    public const string OneQuarantined = """
        [{"id":8,"stream":"natural-resources.one-map","sequence":3,"department":"natural-resources","layer":"ecological-redline","scope":"features",
          "reasons":[{"rule":"geometry.invalid","featureId":"HX1","message":"self-intersection"}],
          "receivedAt":"2026-01-02T03:04:05Z","replayedAt":null,"attempts":0,"notReplayable":null}]
        """;

    public static Task Json(IRoute route, string body) => route.FulfillAsync(new() { ContentType = "application/json", Body = body });
}
