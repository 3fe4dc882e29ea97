using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>
/// Whether a service's store takes writes, as each of its writers last found: opening and reading a store still works on
/// a full disk, where no write does, so readiness asks this too (<see cref="StoreReadiness"/>). Only failures an operator
/// must mend count (a full, read-only or failing disk, a damaged file); a store busy with another writer is not one.
/// Each writer (intake, derivation, a node's push) keeps its own record, which only its own next successful write clears:
/// one writer's success says nothing of another's failing writes.
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

    readonly ConcurrentDictionary<string, WriteFailure> _failing = new(StringComparer.Ordinal);

    /// <summary>A write failure no later write of the same writer has cleared, if any (the oldest).</summary>
    public WriteFailure? Failing => _failing.Values.OrderBy(f => f.Since).FirstOrDefault();

    /// <summary>Records a failed write of <paramref name="writer"/>; the first of a run of its failures gives the time since when.</summary>
    public void Failed(string writer, Exception e)
    {
        // Derivation's parallel reads wrap a store failure; the store's own exception is the one that says what is wrong.
        var store = e is AggregateException aggregate ? aggregate.Flatten().InnerExceptions.OfType<SqliteException>().FirstOrDefault() : e as SqliteException;
        if (store is { SqliteErrorCode: var code } && Lasting.Contains(code))
        {
            _failing.TryAdd(writer, new WriteFailure(writer, store.Message, clock.GetUtcNow()));
        }
    }

    public void Succeeded(string writer) => _failing.TryRemove(writer, out _);
}

/// <param name="Writer">Which of the service's writers failed: intake, derivation, push.</param>
/// <param name="Reason">SQLite's words, such as "database or disk is full".</param>
public sealed record WriteFailure(string Writer, string Reason, DateTimeOffset Since);
