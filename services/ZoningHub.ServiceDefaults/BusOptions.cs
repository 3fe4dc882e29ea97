namespace ZoningHub.ServiceDefaults;

/// <summary>Configuration section <c>Bus</c>: which transport carries the services' messages.</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    /// <summary><c>InMemory</c> (the embedded run) or <c>RabbitMq</c> (the distributed run).</summary>
    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    /// <summary>e.g. <c>amqp://adapter-natural-resources:secret@broker:5672/zoninghub</c>; required for RabbitMq.</summary>
    public Uri? RabbitMqUrl { get; set; }

    /// <summary>Messages fetched ahead per consumer; 200 roughly doubles quorum-queue throughput (ENVIRONMENT.md).</summary>
    public int PrefetchCount { get; set; } = 64;
}
