namespace ZoningHub.Hub.Api;

/// <summary>
/// What browsers are told about every hub response, the dashboard's and the API's. The dashboard loads its one
/// script and stylesheet from the hub and nothing else (DashboardEndpoints), so the policy allows only the hub's own
/// origin: an injected inline script or a remote resource is refused, and no other site can frame the page the
/// operator types the credential into. The headers are added as the response starts, so answers written by the
/// exception handler (which clears the headers set before it) carry them too.
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
                // The hub links nowhere; should a page ever do, its addresses (a quarantine entry's, say) are told to no other site.
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
