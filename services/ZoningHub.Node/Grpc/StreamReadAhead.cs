using System.Runtime.CompilerServices;
using Grpc.Core;

namespace ZoningHub.Node.Grpc;

/// <summary>
/// Reads a client stream one message ahead of the code taking its messages, on another thread: the next snapshot chunk
/// is read from the call (its bytes copied, its units' indexed fields read) while the store takes the one before.
/// Taken one after the other, a chunk's reading and its taking were both on the snapshot's path; side by side, in
/// alternating runs of the snapshot benchmark, the snapshot's rate against the raw stream's rose by about a tenth
/// (session 22).
/// </summary>
static class StreamReadAhead
{
    public static async IAsyncEnumerable<T> ReadAhead<T>(this IAsyncStreamReader<T> stream, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : IDisposable
    {
        var next = stream.MoveNext(cancellationToken);
        try
        {
            while (await next)
            {
                var current = stream.Current;
                next = Task.Run(() => stream.MoveNext(cancellationToken));
                yield return current;
            }
        }
        finally
        {
            // Left early (a refused chunk ends the call): the message being read is given back once read, and a read
            // the call's end cuts short is not waited for; its failure is observed here, not reported as unobserved.
            _ = next.ContinueWith(read =>
            {
                if (read.IsCompletedSuccessfully && read.Result)
                {
                    stream.Current.Dispose();
                }

                _ = read.Exception;
            }, TaskScheduler.Default);
        }
    }
}
