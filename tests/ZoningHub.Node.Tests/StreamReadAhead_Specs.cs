using Grpc.Core;
using ZoningHub.Node.Grpc;

namespace ZoningHub.Node.Tests;

/// <summary>
/// The node reads a snapshot's next chunk from the call while its store takes the one before (StreamReadAhead). These
/// specs hold it to that, over a stream whose messages come when asked for: every message, in order; the next read
/// while one is being taken; a message read ahead of a stop given back; and no read left pending after a stop.
/// </summary>
public sealed class When_a_node_reads_a_client_stream_ahead
{
    [Fact]
    public async Task Should_give_every_message_in_order()
    {
        var stream = new Stream(5);

        var taken = new List<int>();
        await foreach (var message in stream.ReadAhead(CancellationToken.None))
        {
            taken.Add(message.Number);
        }

        Assert.Equal([1, 2, 3, 4, 5], taken);
    }

    [Fact]
    public async Task Should_read_the_next_message_while_one_is_being_taken()
    {
        var stream = new Stream(3);

        await foreach (var message in stream.ReadAhead(CancellationToken.None))
        {
            if (message.Number < 3)
            {
                // Taking a message waits for the next to be read: one after the other, this would wait for ever.
                Assert.True(await stream.Read(message.Number + 1).WaitAsync(TimeSpan.FromSeconds(10)) > 0);
            }
        }
    }

    [Fact]
    public async Task Should_give_back_the_message_read_ahead_when_the_taking_stops()
    {
        var stream = new Stream(3);

        await foreach (var message in stream.ReadAhead(CancellationToken.None))
        {
            using (message)
            {
                await stream.Read(2).WaitAsync(TimeSpan.FromSeconds(10));
                break;
            }
        }

        var second = await stream.Read(2).WaitAsync(TimeSpan.FromSeconds(10));
        await stream.Messages[1].Disposed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, second);
        Assert.False(stream.Messages[2].Disposed.Task.IsCompleted);
    }

    [Fact]
    public async Task Should_end_the_read_ahead_before_the_taking_returns_when_it_stops()
    {
        // Message 2 does not come: its read waits until it is cancelled, as a call's read waits for bytes.
        var stream = new Stream(3) { StallsAt = 2 };

        await foreach (var message in stream.ReadAhead(CancellationToken.None))
        {
            using (message)
            {
                await stream.Reading(2).WaitAsync(TimeSpan.FromSeconds(10));
                break;
            }
        }

        // Left pending, a read on a gRPC call's body failed a later call on the same connection.
        Assert.Equal(0, stream.ReadsInProgress);
    }

    sealed class Message(int number) : IDisposable
    {
        public int Number => number;

        public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => Disposed.TrySetResult();
    }

    /// <summary>Messages 1 to <paramref name="count"/>, each read when asked for, recording the reads.</summary>
    sealed class Stream(int count) : IAsyncStreamReader<Message>
    {
        readonly TaskCompletionSource<int>[] _read = [.. Enumerable.Range(0, count + 1).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously))];
        readonly TaskCompletionSource[] _reading = [.. Enumerable.Range(0, count + 1).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        int _at;
        int _inProgress;

        /// <summary>The message whose read waits until it is cancelled; none when 0.</summary>
        public int StallsAt { get; init; }

        /// <summary>Reads begun and not yet ended.</summary>
        public int ReadsInProgress => Volatile.Read(ref _inProgress);

        /// <summary>Completes when the read of message <paramref name="number"/> has begun.</summary>
        public Task Reading(int number) => _reading[number - 1].Task;

        public List<Message> Messages { get; } = [.. Enumerable.Range(1, count).Select(n => new Message(n))];

        public Message Current => Messages[_at - 1];

        /// <summary>Completes when message <paramref name="number"/> has been read, with its number.</summary>
        public Task<int> Read(int number) => _read[number - 1].Task;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _inProgress);
            try
            {
                await Task.Yield();
                if (_at == count)
                {
                    return false;
                }

                _reading[_at].TrySetResult();
                if (_at + 1 == StallsAt)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                _at++;
                _read[_at - 1].TrySetResult(_at);
                return true;
            }
            finally
            {
                Interlocked.Decrement(ref _inProgress);
            }
        }
    }
}
