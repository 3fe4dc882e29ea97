using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Kit.Outbox;
using ZoningHub.Adapters.Kit.Requests;
using ZoningHub.Contracts;

namespace ZoningHub.Adapters.Kit;

public static class AdapterExtensions
{
    /// <summary>Adds one department adapter configured from <paramref name="section"/> (e.g. <c>Adapters:OneMap</c>).</summary>
    public static IHostApplicationBuilder AddDepartmentAdapter(this IHostApplicationBuilder builder, string section)
    {
        var options = builder.Configuration.GetSection(section).Get<AdapterOptions>() ?? new AdapterOptions();
        Validate(section, options);
        builder.Services.AddSingleton(sp => new AdapterRuntime(options, TimeProvider.System));
        builder.Services.AddHostedService<InboxWatcher>();
        builder.Services.AddHostedService<OutboxPublisher>();
        return builder;
    }

    /// <summary>The adapter's request queue, named after its department so the broker can grant it alone.</summary>
    public static void AddAdapterConsumers(this IBusRegistrationConfigurator bus, string department) =>
        bus.AddConsumer<ResendChangeSetsConsumer, ResendChangeSetsConsumerDefinition>()
            .Endpoint(endpoint =>
            {
                endpoint.Name = Topology.AdapterRequestQueue(department);
                endpoint.ConfigureConsumeTopology = false;
            });

    static void Validate(string section, AdapterOptions options)
    {
        var errors = new List<string>();
        var context = new System.ComponentModel.DataAnnotations.ValidationContext(options);
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, context, results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => $"{section}:{string.Join(',', r.MemberNames)}: {r.ErrorMessage}"));
        }

        if (options.Stream.Length > 0 && Topology.DepartmentOfStream(options.Stream) != options.Department)
        {
            errors.Add($"{section}:Stream '{options.Stream}' must start with the department, e.g. '{options.Department}.one-map'.");
        }

        if (options.Layers.Count == 0)
        {
            errors.Add($"{section}:Layers must map at least one layer.");
        }

        errors.AddRange(options.Layers.Where(l => string.IsNullOrWhiteSpace(l.Value.IdField)).Select(l => $"{section}:Layers:{l.Key}:IdField is required."));
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(section, typeof(AdapterOptions), errors);
        }
    }
}
