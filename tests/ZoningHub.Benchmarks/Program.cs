using System.Globalization;
using BenchmarkDotNet.Running;
using ZoningHub.Benchmarks;

return args.FirstOrDefault() switch
{
    "derive" => Run(() => BenchmarkRunner.Run<CountyDerivationBenchmark>(args: args[1..])),
    "conflicts" => FarmlandConflictsBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_500),
    "rebuild" => await NationalRebuildBenchmark.RunAsync(),
    "store" => await IntakeStoreBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000),
    "intake" => await IntakeThroughputBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000),
    "snapshot" => await SnapshotThroughputBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : int.MaxValue),
    JustStartedProcesses.Mode => await JustStartedProcesses.RunOneAsync(args[1..]),
    "push-latency" => await PushLatencyBenchmark.RunAsync(
        args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 100,
        args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 30,
        overRabbitMq: args.Length > 3 && args[3] == "rabbitmq"),
    _ => Usage(),
};

static int Run(Action benchmark)
{
    benchmark();
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/ZoningHub.Benchmarks -- derive | conflicts [farmland patches] | rebuild | store [change sets] | intake [change sets]"
        + " | snapshot [counties] | push-latency [changes/s] [seconds] [inmemory | rabbitmq]");
    return 2;
}
