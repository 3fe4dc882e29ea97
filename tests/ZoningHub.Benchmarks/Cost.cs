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

    /// <summary>The cost as the line a process the benchmark started prints for it to read back (<see cref="FromLine"/>).</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"cost {Wall.Ticks} {Cpu.Ticks} {Compiling.Ticks} {Paused.Ticks}");

    /// <returns>The cost <see cref="ToLine"/> printed, or null for any other line.</returns>
    public static Cost? FromLine(string line) => line.Split(' ') is ["cost", var wall, var cpu, var compiling, var paused]
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
