using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ZoningHub.ServiceDefaults;

public static class BusExtensions
{
    /// <summary>
    /// Adds the MassTransit bus on the configured transport. Each service passes its own consumer registrations
    /// (endpoint wiring lives in their consumer definitions); the embedded run passes several services' at once
    /// so they share one in-memory bus.
    /// </summary>
    /// <param name="endpointPrefix">Names the service's own queues, e.g. <c>zoninghub.adapter.natural-resources</c>.</param>
    public static IHostApplicationBuilder AddZoningHubBus(
        this IHostApplicationBuilder builder,
        string endpointPrefix,
        params Action<IBusRegistrationConfigurator>[] registrations)
    {
        var options = ReadValidated(builder.Configuration);
        builder.Services.AddOptions<BusOptions>().BindConfiguration(BusOptions.Section);
        // Start-up completes only once the bus is connected and its topology declared, so a service that
        // reports started can already take messages (and the exchanges publishers need exist).
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(host =>
        {
            host.WaitUntilStarted = true;
            host.StartTimeout = TimeSpan.FromSeconds(60);
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to an outside host by default; a government hub does not phone home.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(endpointPrefix, false));
            foreach (var register in registrations)
            {
                register(bus);
            }

            if (options.Transport == BusTransport.RabbitMq)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(options.RabbitMqUrl);
                    // The bus's own temporary queue carries the service's prefix, so broker rights granted on
                    // that prefix (infra/README.md) cover it.
                    cfg.OverrideDefaultBusEndpointQueueName($"{endpointPrefix}.bus-{Environment.MachineName}-{Guid.NewGuid():N}");
                    cfg.PrefetchCount = options.PrefetchCount;
                    cfg.ConfigureEndpoints(context);
                    ConfigureContributed(context, cfg);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.ConfigureEndpoints(context);
                    ConfigureContributed(context, cfg);
                });
            }
        });
        return builder;
    }

    static void ConfigureContributed(IBusRegistrationContext context, IReceiveConfigurator bus)
    {
        foreach (var contributor in context.GetServices<IReceiveEndpointContributor>())
        {
            contributor.Configure(context, bus);
        }
    }

    /// <summary>Fails at start-up, naming the setting, rather than on the first message.</summary>
    static BusOptions ReadValidated(IConfiguration configuration)
    {
        var options = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        if (options.Transport == BusTransport.RabbitMq && options.RabbitMqUrl is null)
        {
            throw new OptionsValidationException(BusOptions.Section, typeof(BusOptions),
                ["Bus:RabbitMqUrl is required when Bus:Transport is RabbitMq (e.g. amqp://guest:guest@127.0.0.1:5672/)."]);
        }

        if (options.PrefetchCount is < 1 or > 10_000)
        {
            throw new OptionsValidationException(BusOptions.Section, typeof(BusOptions),
                [$"Bus:PrefetchCount must be between 1 and 10000, not {options.PrefetchCount}."]);
        }

        return options;
    }
}
