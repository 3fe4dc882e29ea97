using Microsoft.AspNetCore.Builder;

namespace ZoningHub.ServiceDefaults;

public static class ServiceBuilder
{
    /// <summary>
    /// A web application builder whose settings (appsettings.json) come from beside the executable, whatever
    /// folder it is started from; relative data paths still resolve against the working directory.
    /// </summary>
    public static WebApplicationBuilder Create(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
}
