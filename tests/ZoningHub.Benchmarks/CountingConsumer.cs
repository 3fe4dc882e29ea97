using MassTransit;
using ZoningHub.Contracts;

namespace ZoningHub.Benchmarks;

/// <summary>The baseline consumer: takes a change set and does nothing with it.</summary>
sealed class CountingConsumer(int expected) : IConsumer<ChangeSetPublished>
{
    int _seen;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Consume(ConsumeContext<ChangeSetPublished> context)
    {
        if (Interlocked.Increment(ref _seen) == expected)
        {
            Done.TrySetResult();
        }

        return Task.CompletedTask;
    }
}
