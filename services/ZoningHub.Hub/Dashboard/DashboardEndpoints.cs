using System.Reflection;

namespace ZoningHub.Hub.Dashboard;

/// <summary>
/// The operator dashboard at <c>/</c>: one page, a script and a stylesheet, embedded in the hub. It reads the
/// hub's own JSON and GeoJSON; nothing comes from the internet (no tiles, no CDN, no library).
/// </summary>
public static class DashboardEndpoints
{
    static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/dashboard.js", "dashboard.js", "text/javascript; charset=utf-8"),
        ("/dashboard.css", "dashboard.css", "text/css; charset=utf-8"),
    ];

    public static WebApplication MapDashboard(this WebApplication app)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var content = Read(resource);
            app.MapGet(path, () => Results.Text(content, contentType));
        }

        return app;
    }

    static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ZoningHub.Hub.Dashboard.{name}")
            ?? throw new InvalidOperationException($"The dashboard file {name} is not embedded in the hub.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
