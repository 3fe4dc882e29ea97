using Microsoft.Data.Sqlite;

namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>
/// Whether a service's store takes writes, as its own writers last found: opening and reading a store still works on a
/// full disk, where no write does, so readiness asks this too (<see cref="StoreReadiness"/>). Only failures an operator
/// must mend count (a full, read-only or failing disk, a damaged file); a store busy with another writer is not one.
/// The next write that succeeds clears it.
/// </summary>
public sealed class StoreWrites(TimeProvider clock)
{
    static readonly HashSet<int> Lasting =
    [
        8,  // SQLITE_READONLY
        10, // SQLITE_IOERR
        11, // SQLITE_CORRUPT
        13, // SQLITE_FULL
        14, // SQLITE_CANTOPEN
        26, // SQLITE_NOTADB
    ];

    WriteFailure? _failing;

    /// <summary>The write failure no write has succeeded since, if any.</summary>
    public WriteFailure? Failing => Volatile.Read(ref _failing);

    /// <summary>Records a failed write; the first of a run of failures gives the time since when.</summary>
    public void Failed(Exception e)
    {
        if (e is SqliteException { SqliteErrorCode: var code } && Lasting.Contains(code))
        {
            Interlocked.CompareExchange(ref _failing, new WriteFailure(e.Message, clock.GetUtcNow()), null);
        }
    }

    public void Succeeded() => Volatile.Write(ref _failing, null);
}

/// <param name="Reason">SQLite's words, such as "database or disk is full".</param>
public sealed record WriteFailure(string Reason, DateTimeOffset Since);
