using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// An operator's tool (and once, CI) read a refused export's reason file between its creation and its text, and found
/// it empty. Written whole under another name and renamed, a reader finds it absent or whole, never part of it.
/// </summary>
public sealed class When_a_reason_file_is_read_while_it_is_written : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("zoninghub-atomic-").FullName;

    [Fact]
    public async Task Should_be_absent_or_whole_to_every_read()
    {
        var path = Path.Combine(_folder, "refused.zip.reason.txt");
        var texts = new[] { new string('a', 256 * 1024), new string('b', 128 * 1024) };
        AtomicFile.WriteAllText(path, texts[1]);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                string text;
                try { text = File.ReadAllText(path); }
                catch (FileNotFoundException) { continue; }
                Interlocked.Increment(ref reads);
                Assert.Contains(text, texts);
            }
        });

        // Writes until the reader has read often enough to have met many writes in progress.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        for (var i = 0; Volatile.Read(ref reads) < 500 && DateTime.UtcNow < deadline && !reader.IsCompleted; i++)
        {
            AtomicFile.WriteAllText(path, texts[i % 2]);
        }

        AtomicFile.WriteAllText(path, texts[1]);

        await stop.CancelAsync();
        await reader;
        Assert.True(reads >= 500, $"the reader read the file often enough, {reads} times");
        Assert.Equal(texts[1], File.ReadAllText(path));
        Assert.Equal(["refused.zip.reason.txt"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
