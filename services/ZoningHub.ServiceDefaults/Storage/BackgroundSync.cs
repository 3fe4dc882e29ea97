namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>
/// Syncs files to disk in the background, one at a time, for a writer that commits unsynced and has a later step that
/// needs the bytes on the disk: done meanwhile, that step has little left to wait for.
/// </summary>
/// <remarks>
/// On a thread of its own: a sync waits on the disk for milliseconds to tens of them, and on a thread-pool thread it
/// held one of the few (one per core) that receive and store the very chunks it syncs. One thread that stays while
/// there is work, not one started per sync: each snapshot chunk asked for two syncs, and starting their threads cost
/// the node's store about half a millisecond a chunk (session 20), a sixth of its time.
/// </remarks>
/// <param name="sync">Syncs one file; what it throws is that sync's failure.</param>
public sealed class BackgroundSync(Action<string> sync)
{
    // The thread ends after this long without a sync to do, so an idle store holds none.
    static readonly TimeSpan IdleLife = TimeSpan.FromSeconds(5);

    readonly object _gate = new();
    readonly List<string> _waiting = [];
    readonly Dictionary<string, Exception> _failures = new(StringComparer.Ordinal);
    string? _running;
    bool _threadAlive;

    /// <summary>
    /// Syncs <paramref name="path"/> after the syncs asked for before it. Asked again before its sync begins, it is
    /// synced once; asked while its sync runs, once more after it, as bytes may have been written since that one began.
    /// </summary>
    public void Request(string path)
    {
        lock (_gate)
        {
            if (!_waiting.Contains(path, StringComparer.Ordinal))
            {
                _waiting.Add(path);
            }

            if (_threadAlive)
            {
                Monitor.PulseAll(_gate);
                return;
            }

            _threadAlive = true;
        }

        new Thread(Run) { IsBackground = true, Name = "ZoningHub background sync" }.Start();
    }

    /// <summary>
    /// Waits until every sync asked for is through; then the first failure of a sync of <paramref name="path"/> since it
    /// was last forgotten, if one failed. A later success does not clear it: after a failed sync Linux may drop the
    /// pages it could not write, and the next sync then succeeds over bytes that are gone.
    /// </summary>
    public Exception? WaitUntilIdle(string? path = null)
    {
        lock (_gate)
        {
            while (_waiting.Count > 0 || _running is not null)
            {
                Monitor.Wait(_gate);
            }

            return path is not null && _failures.TryGetValue(path, out var failure) ? failure : null;
        }
    }

    /// <summary>Forgets the failures of <paramref name="path"/>'s syncs, once the file is begun again or gone.</summary>
    public void Forget(string path)
    {
        lock (_gate)
        {
            _failures.Remove(path);
        }
    }

    void Run()
    {
        while (Next() is { } path)
        {
            Exception? failure = null;
            try
            {
                sync(path);
            }
            catch (Exception e)
            {
                failure = e;
            }

            lock (_gate)
            {
                _running = null;
                if (failure is not null)
                {
                    _failures.TryAdd(path, failure);
                }

                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>The next file to sync, once one is asked for; null when none was for <see cref="IdleLife"/>, and the thread ends.</summary>
    string? Next()
    {
        lock (_gate)
        {
            while (_waiting.Count == 0)
            {
                if (!Monitor.Wait(_gate, IdleLife) && _waiting.Count == 0)
                {
                    _threadAlive = false;
                    return null;
                }
            }

            _running = _waiting[0];
            _waiting.RemoveAt(0);
            return _running;
        }
    }
}
