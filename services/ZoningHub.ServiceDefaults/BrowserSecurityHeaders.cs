using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// What browsers are told about every response of the hub (the dashboard's and the API's) and of the nodes (their
/// GeoJSON and JSON for local users). The dashboard loads its one script and stylesheet from the hub and nothing else
/// (DashboardEndpoints), so the policy allows only the service's own origin: an injected inline script or a remote
/// resource is refused, and no other site can frame the page the operator types the credential into. The headers are
/// added as the response starts, so answers written by the exception handler (which clears the headers set before
/// it) carry them too.
/// </summary>
public static class BrowserSecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";

    public static WebApplication UseBrowserSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                // The services link nowhere; should a page ever do, its addresses (a quarantine entry's, say) are told to no other site.
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
