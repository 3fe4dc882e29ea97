using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review: OpenTelemetry takes a service's name from OTEL_SERVICE_NAME or, without it, from service.name in
/// OTEL_RESOURCE_ATTRIBUTES (the SDK's resource detectors, as the OpenTelemetry specification has it). ServiceDefaults now
/// names each service by its project unless OTEL_SERVICE_NAME is set, and that name, added after the detectors, replaces
/// the one an operator gave in OTEL_RESOURCE_ATTRIBUTES: the collector is told the project's name instead.
/// </summary>
public sealed class When_the_operator_names_a_service_in_its_resource_attributes
{
    [Fact]
    public void Should_export_under_that_name()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_RESOURCE_ATTRIBUTES"] = "service.name=hub-east,deployment.environment=test";
        builder.AddServiceDefaults();
        using var host = builder.Build();

        var resource = host.Services.GetRequiredService<TracerProvider>().GetResource();

        Assert.Equal("test", resource.Attributes.Single(a => a.Key == "deployment.environment").Value);
        Assert.Equal("hub-east", resource.Attributes.Single(a => a.Key == "service.name").Value);
    }
}
