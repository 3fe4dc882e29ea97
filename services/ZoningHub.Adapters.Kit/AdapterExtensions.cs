using ZoningHub.ServiceDefaults.Storage;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Kit.Outbox;
using ZoningHub.Adapters.Kit.Requests;
using ZoningHub.Contracts;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Adapters.Kit;

public static class AdapterExtensions
{
    /// <summary>Configuration section of a department's adapter: <c>Adapters:&lt;department&gt;</c>, e.g. <c>Adapters:water-resources</c>.</summary>
    public static string Section(string department) => $"Adapters:{department}";

    /// <summary>
    /// Adds one department adapter: its native schema (<see cref="Departments.NativeSchemas"/>) overlaid with
    /// whatever its configuration section sets. Call once per department the process hosts.
    /// </summary>
    public static IHostApplicationBuilder AddDepartmentAdapter(this IHostApplicationBuilder builder, Func<AdapterOptions> nativeSchema)
    {
        var options = nativeSchema();
        var section = Section(options.Department);
        builder.Configuration.GetSection(section).Bind(options);
        Validate(section, options);
        var adapter = new DepartmentAdapter(options, TimeProvider.System);
        // Made by a factory, so that the host disposes of it (and closes its store) as it stops; an instance it would not.
        builder.Services.AddSingleton(_ => adapter);
        if (builder.Services.All(s => s.ServiceType != typeof(AdapterRegistry)))
        {
            builder.Services.AddSingleton<AdapterRegistry>();
            builder.Services.AddHealthChecks().AddStores("adapter stores", sp => sp.GetRequiredService<AdapterRegistry>().All
                .Select(a => ($"{a.Options.Stream} adapter.db", (Func<Microsoft.Data.Sqlite.SqliteConnection>)a.Store.Open)));
        }
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IReceiveEndpointContributor, AdapterRequestEndpoints>());
        builder.Services.AddSingleton<IHostedService>(sp => new InboxWatcher(adapter, sp.GetRequiredService<ILogger<InboxWatcher>>()));
        builder.Services.TryAddSingleton<AdapterMetrics>();
        builder.Services.AddSingleton<IHostedService>(sp => new OutboxPublisher(adapter, sp.GetRequiredService<ISendEndpointProvider>(),
            sp.GetRequiredService<AdapterMetrics>(), sp.GetRequiredService<ILogger<OutboxPublisher>>()));
        builder.Services.AddHttpClient();
        foreach (var source in options.HttpSources)
        {
            builder.Services.AddHttpClient(source.Layer).ConfigurePrimaryHttpMessageHandler(HttpExportSource.Handler);
            builder.Services.AddSingleton<IHostedService>(sp => new HttpExportSource(adapter, source,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(source.Layer), sp.GetRequiredService<ILogger<HttpExportSource>>()));
        }
        return builder;
    }

    /// <summary>The consumer behind every hosted department's request queue (see <see cref="AdapterRequestEndpoints"/>).</summary>
    public static void AddAdapterRequests(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<AdapterRequestConsumer>().ExcludeFromConfigureEndpoints();

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
        errors.AddRange(options.HttpSources.Select((source, i) => (source, i))
            .Where(s => !options.Layers.ContainsKey(s.source.Layer) || s.source.Url is not { IsAbsoluteUri: true } || s.source.PollInterval <= TimeSpan.Zero)
            .Select(s => $"{section}:HttpSources:{s.i}: needs a Layer this adapter maps ({string.Join(", ", options.Layers.Keys)}) , an absolute Url and a positive PollInterval."));
        foreach (var (source, i) in options.HttpSources.Select((source, i) => (source, i)))
        {
            // Not reached by the adapter's own validation: data annotations do not descend into a list's items.
            var sourceResults = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            System.ComponentModel.DataAnnotations.Validator.TryValidateObject(source, new(source), sourceResults, validateAllProperties: true);
            errors.AddRange(sourceResults.Select(r => $"{section}:HttpSources:{i}:{string.Join(',', r.MemberNames)}: {r.ErrorMessage}"));
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(section, typeof(AdapterOptions), errors);
        }
    }
}
