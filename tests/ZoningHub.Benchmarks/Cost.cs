using System.Diagnostics;
using System.Globalization;

namespace ZoningHub.Benchmarks;

/// <summary>What a piece of work cost: its elapsed time and the processor time of the whole process (every thread) meanwhile.</summary>
readonly record struct Cost(TimeSpan Wall, TimeSpan Cpu)
{
    /// <summary>The part of <see cref="Cpu"/> the runtime spent compiling code.</summary>
    public TimeSpan Compiling { get; init; }

    /// <summary>How long the garbage collector stopped the process within <see cref="Wall"/>.</summary>
    public TimeSpan Paused { get; init; }

    public static TimeSpan ProcessorTime() => Process.GetCurrentProcess().TotalProcessorTime;

    public static Cost Of(Action work)
    {
        var before = Now();
        work();
        return Since(before);
    }

    public static async Task<Cost> OfAsync(Func<Task> work)
    {
        var before = Now();
        await work();
        return Since(before);
    }

    /// <summary>One line a process of the benchmark's own prints and the benchmark reads back (<see cref="Parse"/>).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cost {Wall.Ticks} {Cpu.Ticks} {Compiling.Ticks} {Paused.Ticks}");

    public static Cost? Parse(string line) => line.Split(' ') is ["cost", var wall, var cpu, var compiling, var paused]
        ? new Cost(Ticks(wall), Ticks(cpu)) { Compiling = Ticks(compiling), Paused = Ticks(paused) }
        : null;

    static TimeSpan Ticks(string value) => TimeSpan.FromTicks(long.Parse(value, CultureInfo.InvariantCulture));

    static (long Clock, TimeSpan Cpu, TimeSpan Compiling, TimeSpan Paused) Now() =>
        (Stopwatch.GetTimestamp(), ProcessorTime(), System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalPauseDuration());

    static Cost Since((long Clock, TimeSpan Cpu, TimeSpan Compiling, TimeSpan Paused) before) =>
        new(Stopwatch.GetElapsedTime(before.Clock), ProcessorTime() - before.Cpu)
        {
            Compiling = System.Runtime.JitInfo.GetCompilationTime() - before.Compiling,
            Paused = GC.GetTotalPauseDuration() - before.Paused,
        };
}
