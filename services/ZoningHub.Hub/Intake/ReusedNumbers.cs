using System.Collections.Concurrent;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// The streams that sent a number the hub had applied with other content (an integrity alarm) since the
/// <see cref="GapWatcher"/> last looked. Each is then asked for what follows its last applied number: an adapter whose
/// store was put back from a backup learns so where the hub stands, and numbers on from there
/// (<c>DepartmentAdapter.ContinueAfter</c>) where each change it published was refused as a reused number, until its
/// own count passed the hub's.
/// </summary>
public sealed class ReusedNumbers
{
    readonly ConcurrentDictionary<string, bool> _streams = new(StringComparer.Ordinal);

    public void Seen(string stream) => _streams[stream] = true;

    /// <summary>The streams seen since the last call, each once.</summary>
    public IReadOnlyList<string> Take()
    {
        var streams = _streams.Keys.ToList();
        foreach (var stream in streams)
        {
            _streams.TryRemove(stream, out _);
        }

        return streams;
    }
}
