namespace ZoningHub.Hub.Api;

/// <summary>Until the operator dashboard lands (its own issue), <c>/</c> points operators at the read side.</summary>
static class LandingPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>ZoningHub</title></head>
        <body>
          <h1>ZoningHub</h1>
          <ul>
            <li><a href="/api/status">/api/status</a>: head revision, streams, nodes</li>
            <li><a href="/api/units">/api/units</a>: active units as GeoJSON (?province=33&amp;county=330106&amp;type=3)</li>
            <li><a href="/api/conflicts">/api/conflicts</a>: open conflicts between departments' layers as GeoJSON (?status=all)</li>
            <li><a href="/api/quarantine">/api/quarantine</a>: refused input with reasons</li>
            <li><a href="/health/ready">/health/ready</a>, <a href="/alive">/alive</a>, <a href="/metrics">/metrics</a></li>
          </ul>
        </body></html>
        """;
}
