using Grpc.Core;
using ZoningHub.Node.Grpc;

namespace ZoningHub.Node.Tests;

/// <summary>
/// The node reads a snapshot's next chunk from the call while its store takes the one before (StreamReadAhead). These
/// specs hold it to that, over a stream whose messages come when asked for: every message, in order; the next read
/// while one is being taken; and a message read ahead of a stop given back.
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
        int _at;

        public List<Message> Messages { get; } = [.. Enumerable.Range(1, count).Select(n => new Message(n))];

        public Message Current => Messages[_at - 1];

        /// <summary>Completes when message <paramref name="number"/> has been read, with its number.</summary>
        public Task<int> Read(int number) => _read[number - 1].Task;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (_at == count)
            {
                return false;
            }

            _at++;
            _read[_at - 1].TrySetResult(_at);
            return true;
        }
    }
}
