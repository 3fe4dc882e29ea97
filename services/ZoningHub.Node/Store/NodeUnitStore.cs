using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Hub.Core.Digests;

namespace ZoningHub.Node.Store;

/// <summary>
/// Applies pushed batches and snapshots, each in one transaction, idempotently: a version older than what
/// the node holds is ignored, so a redelivered batch changes nothing, and the acknowledgement only moves forward.
/// </summary>
public sealed class NodeUnitStore(NodeDatabase database, IOptions<NodeOptions> options)
{
    NodeOptions Node => options.Value;

    public (long Acknowledged, string LogId) Position()
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: true);
        return Position(connection, tx);
    }

    public long AcknowledgedRevision() => Position().Acknowledged;

    /// <summary>
    /// Where the node stands, the snapshot it is taking and the active units it holds, read in one transaction, as the
    /// hub plans its round from them: read apart, a completion landing between them (a late one the hub had stopped
    /// waiting for) showed the revision from before the snapshot with no snapshot under way, and the hub sent the
    /// whole snapshot again; and the count could be of another state than the revision beside it.
    /// </summary>
    public (long Acknowledged, string LogId, SnapshotProgress? Snapshot, long Units) Standing()
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: true);
        var (acknowledged, logId) = Position(connection, tx);
        return (acknowledged, logId, Snapshot(connection, tx), Units(connection, tx, fresh: false).Active);
    }

    /// <summary>Applies the batch covering (from, to] of the hub's log.</summary>
    public (long Acknowledged, int Applied, int Ignored) Apply(ApplyUnitsRequest batch)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var (acknowledged, logId) = Position(connection, tx);
            if (batch.LogId != logId)
            {
                throw new PushRefusedException(PushRefusal.OtherLog, logId.Length == 0
                    ? $"Node {Node.Id} holds no log yet; it takes a snapshot first."
                    : $"Node {Node.Id} holds hub log {logId}, not {batch.LogId}; it takes a snapshot to change logs.");
            }

            if (batch.FromRevision > acknowledged)
            {
                throw new PushRefusedException(PushRefusal.Gap,
                    $"Node {Node.Id} acknowledged revision {acknowledged}; a batch starting after {batch.FromRevision} would leave a gap.");
            }

            var units = PushedUnit.Read(batch.Units);
            RefuseOutOfScope(units.Select(u => u.Header));
            var held = database.Base(connection, tx);
            using var writer = new UnitWriter(connection, "units", onlyNewer: true);
            // The writer keeps what the units table holds from going back; a unit only the base holds is checked here.
            var applied = units.Where(unit => !(held.Find(unit.Header.Code)?.Header.Revision >= unit.Header.Revision)).Count(writer.Write);
            connection.Execute(tx, "UPDATE node_state SET acknowledged_revision = MAX(acknowledged_revision, $to) WHERE id = 1", ("$to", batch.ToRevision));
            tx.Commit();
            return (Math.Max(acknowledged, batch.ToRevision), applied, batch.Units.Count - applied);
        }
    }

    /// <summary>Starts taking a snapshot, dropping whatever part of an earlier one was taken.</summary>
    public SnapshotProgress BeginSnapshot(BeginSnapshotRequest request)
    {
        if (request.Scope != Node.Scope)
        {
            throw new PushRefusedException(PushRefusal.OutOfScope,
                $"Node {Node.Id} has scope '{Node.Scope}' and refuses a snapshot of scope '{request.Scope}'.");
        }

        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            connection.Execute(tx, "DELETE FROM snapshot_chunks");
            var file = database.Chunks.PathOf(NextBase(connection, tx), request.SnapshotId);
            connection.Execute(tx, """
                INSERT OR REPLACE INTO snapshot (id, snapshot_id, log_id, as_of_revision, last_code, units_received, started_at)
                VALUES (1, $s, $l, $r, '', 0, $t)
                """, ("$s", request.SnapshotId), ("$l", request.LogId), ("$r", request.AsOfRevision), ("$t", SqliteExtensions.Now()));
            tx.Commit();
            // Emptied once no row names its bytes (a crash before would leave rows naming bytes that are gone); the hub
            // sends the first chunk only after this answer.
            database.Chunks.Start(file);
        }

        _staged.Begin(request.SnapshotId);
        return new SnapshotProgress { SnapshotId = request.SnapshotId, AsOfRevision = request.AsOfRevision, LogId = request.LogId };
    }

    /// <summary>
    /// Takes one chunk, as it came, if it follows on from the last one taken. Unsynced: a chunk a power cut undoes
    /// goes with the progress that recorded it, so the hub sends it again; completion syncs them all, and they are
    /// synced in the background meanwhile, so that completion has little left to wait for. (A power cut may also keep
    /// a chunk's row but not its bytes, which no sync orders between two files: completion then reads the chunk back
    /// damaged and refuses, and the hub begins the snapshot again.)
    /// </summary>
    public SnapshotProgress ApplySnapshotChunk(ReceivedChunk chunk)
    {
        if (chunk.Malformed is { } malformed)
        {
            throw new PushRefusedException(PushRefusal.Malformed, malformed, chunk.MalformedField);
        }

        var (connection, tx) = database.BeginUnsyncedWrite();
        using (connection)
        using (tx)
        {
            var progress = InStep(connection, tx, chunk.SnapshotId, chunk.AfterCode, "a chunk following");
            var headers = chunk.Headers;
            RefuseOutOfScope(headers);
            var previous = chunk.AfterCode;
            foreach (var header in headers)
            {
                if (string.CompareOrdinal(header.Code, previous) <= 0)
                {
                    throw new PushRefusedException(PushRefusal.SnapshotOutOfStep,
                        $"Snapshot units must come in ascending code order; {header.Code} follows {previous}.");
                }

                previous = header.Code;
            }

            var file = database.Chunks.PathOf(NextBase(connection, tx), progress.SnapshotId);
            var (number, fileOffset) = SnapshotChunks.Add(connection, tx, database.Chunks, file, chunk);
            connection.Execute(tx, "UPDATE snapshot SET last_code = $c, units_received = units_received + $n WHERE id = 1",
                ("$c", previous), ("$n", headers.Length));
            // Indexed while the write lock orders the chunks (two calls of one snapshot, a stale one among them, could
            // otherwise index theirs out of order). Should the commit fail, the index counts more units than the
            // snapshot took, and completion reads the chunks instead.
            _staged.Take(chunk.SnapshotId, headers.Select((h, i) => new BaseUnit(h, number, fileOffset + chunk.OffsetOf(i), chunk.Unit(i).Length, InFile: true)));
            tx.Commit();
            database.SyncInBackground();
            database.Chunks.SyncInBackground(file);
            progress.LastCode = previous;
            progress.UnitsReceived += headers.Length;
            return progress;
        }
    }

    /// <inheritdoc cref="ApplySnapshotChunk(ReceivedChunk)"/>
    public SnapshotProgress ApplySnapshotChunk(SnapshotChunk chunk)
    {
        using var received = ReceivedChunk.From(chunk);
        return ApplySnapshotChunk(received);
    }

    /// <summary>The index of the snapshot being taken, as its chunks are taken; lost with a restart, and then read from them.</summary>
    readonly StagedIndex _staged = new();

    /// <summary>
    /// Makes the snapshot's chunks the node's base, in one transaction, drops the units pushed since the last base,
    /// and acknowledges the snapshot's revision.
    /// </summary>
    /// <returns>The acknowledged revision and the units now held.</returns>
    public (long Acknowledged, long Units) CompleteSnapshot(CompleteSnapshotRequest request)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var progress = InStep(connection, tx, request.SnapshotId, request.LastCode, "completion through");
            var (previousId, previous) = connection.Query(tx, "SELECT snapshot_id, number FROM node_base WHERE id = 1", r => (r.GetString(0), r.GetInt64(1))).Single();
            var number = previous + 1;
            var file = database.Chunks.PathOf(number, progress.SnapshotId);
            var taken = _staged.Of(progress.SnapshotId, number, progress.UnitsReceived)
                ?? BaseUnits.Read(connection, "snapshot_chunks", progress.SnapshotId, number, database.Chunks);
            var lost = taken.DamagedChunks.Count > 0 ? $"chunks {string.Join(", ", taken.DamagedChunks)} read back damaged or missing from {file}"
                : taken.All.Any(u => u.InFile) && !File.Exists(file) ? $"{file} is missing"
                : database.Chunks.BackgroundSyncFailure(file) is { } failure ? $"syncing {file} failed: {failure.Message}"
                : null;
            if (lost is not null)
            {
                DropLostSnapshot(connection, tx, progress, file, lost);
            }

            database.Chunks.SyncAfterBackground(file);

            // The staged table becomes the base: renaming is instant where copying every chunk was not.
            connection.Execute(tx, "DROP TABLE base_chunks");
            connection.Execute(tx, "ALTER TABLE snapshot_chunks RENAME TO base_chunks");
            NodeDatabase.CreateStaging(connection, tx);
            connection.Execute(tx, "DELETE FROM units");
            connection.Execute(tx, "UPDATE node_base SET snapshot_id = $s, number = $n WHERE id = 1", ("$s", progress.SnapshotId), ("$n", number));
            connection.Execute(tx, """
                INSERT INTO snapshots_taken (snapshot_id, log_id, as_of_revision, units, started_at, completed_at)
                SELECT snapshot_id, log_id, as_of_revision, units_received, started_at, $t FROM snapshot
                """, ("$t", SqliteExtensions.Now()));
            connection.Execute(tx, "DELETE FROM snapshot");
            connection.Execute(tx, "UPDATE node_state SET acknowledged_revision = $r WHERE id = 1", ("$r", progress.AsOfRevision));
            connection.Execute(tx, "UPDATE node_log SET log_id = $l WHERE id = 1", ("$l", progress.LogId));
            tx.Commit();
            database.Keep(taken);
            database.Chunks.RemoveAllBut(database.Chunks.PathOf(previous, previousId), file);
            return (progress.AsOfRevision, progress.UnitsReceived);
        }
    }

    /// <summary>
    /// A snapshot whose chunks, at completion, are not all there (a power cut kept a chunk's row but not its bytes,
    /// which no sync orders between two files; its file was removed; or a sync of it failed, after which its pages
    /// may be gone): made the base, it would be acknowledged short of units until a digest check noticed. It is
    /// dropped instead, and the completion refused, so the hub begins it again at once.
    /// </summary>
    void DropLostSnapshot(SqliteConnection connection, SqliteTransaction tx, SnapshotProgress progress, string file, string lost)
    {
        connection.Execute(tx, "DELETE FROM snapshot_chunks; DELETE FROM snapshot");
        tx.Commit();
        database.Chunks.Start(file);
        throw new PushRefusedException(PushRefusal.SnapshotOutOfStep,
            $"Node {Node.Id} lost what it took of snapshot {progress.SnapshotId} ({lost}): it dropped the snapshot, which must begin again.");
    }

    /// <summary>The snapshot being received, if any.</summary>
    public SnapshotProgress? Snapshot()
    {
        using var connection = database.Open();
        return Snapshot(connection, null);
    }

    /// <summary>
    /// The digest of everything held (retired units included), read in one transaction with the revision it is as of.
    /// Always read from the units: the hub verifies with it, to find what a faulty disk or a hand edit changed.
    /// </summary>
    public ScopeDigest Digest() => Units(fresh: true).Digest.Clone();

    /// <summary>
    /// <see cref="Digest"/> as last read, if what the node holds has not moved since (see <see cref="HeldState"/>):
    /// /api/state shows it at each look, and reading every unit each time was most of the node's reading.
    /// </summary>
    public ScopeDigest KeptDigest() => Units(fresh: false).Digest.Clone();

    /// <summary>
    /// The active units held, from the same reading as <see cref="KeptDigest"/>: the hub asks every 2 s, and counting
    /// reads every unit (25 MB in a national store), so it is taken once per state the node holds.
    /// </summary>
    public long Count() => Units(fresh: false).Active;

    /// <summary>The digest and active count of the units held, read from them unless kept for the same state.</summary>
    HeldUnits Units(bool fresh)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: true);
        return Units(connection, tx, fresh);
    }

    HeldUnits Units(SqliteConnection connection, SqliteTransaction tx, bool fresh)
    {
        var held = Held(connection, tx);
        if (!fresh && _units is { } kept && kept.Held == held)
        {
            return kept;
        }

        var (sum, active, pushedSince) = (new ScopeDigestBuilder(), 0L, new HashSet<string>(StringComparer.Ordinal));
        void Add(string code, int version, bool retired, string contentHash)
        {
            sum.Add(code, version, retired, contentHash);
            active += retired ? 0 : 1;
        }

        using (var command = connection.Command(tx, "SELECT code, version, retired, content_hash FROM units"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                Add(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2) == 1, reader.GetString(3));
                pushedSince.Add(reader.GetString(0));
            }
        }

        foreach (var header in database.Base(connection, tx, fromDisk: fresh).All.Select(u => u.Header).Where(u => !pushedSince.Contains(u.Code)))
        {
            Add(header.Code, header.Version, header.Retired, header.ContentHash);
        }

        var digest = new ScopeDigest { Revision = held.Acknowledged, LogId = held.LogId, UnitCount = sum.Count, Digest = sum.Value };
        return _units = new(held, digest, active);
    }

    sealed record HeldUnits(HeldState Held, ScopeDigest Digest, long Active);

    HeldUnits? _units;

    /// <summary>The snapshots this node completed, newest first: the <paramref name="newest"/> of them, or all.</summary>
    public IReadOnlyList<(string SnapshotId, long AsOfRevision, long Units, string CompletedAt)> SnapshotsTaken(int? newest = null)
    {
        using var connection = database.Open();
        return connection.Query(null, "SELECT snapshot_id, as_of_revision, units, completed_at FROM snapshots_taken ORDER BY completed_at DESC LIMIT $n",
            r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3)), ("$n", newest ?? -1));
    }

    /// <summary>
    /// What names the units a node holds: they change only with its hub log, its acknowledged revision (a redelivered
    /// batch writes nothing, a store removed while running starts at no log) and the snapshots it completes (a resync
    /// after a digest mismatch may replace the units as of the very revision and log the node already held).
    /// </summary>
    sealed record HeldState(long Acknowledged, string LogId, long Snapshots);

    static HeldState Held(SqliteConnection connection, SqliteTransaction tx)
    {
        var (acknowledged, logId) = Position(connection, tx);
        return new(acknowledged, logId, connection.Scalar<long>(tx, "SELECT COALESCE(MAX(rowid), 0) FROM snapshots_taken"));
    }

    /// <summary>The snapshot being taken, if it is <paramref name="snapshotId"/> and the node took through <paramref name="lastCode"/>.</summary>
    SnapshotProgress InStep(SqliteConnection connection, SqliteTransaction tx, string snapshotId, string lastCode, string what)
    {
        var progress = Snapshot(connection, tx);
        if (progress is null || progress.SnapshotId != snapshotId || progress.LastCode != lastCode)
        {
            throw new PushRefusedException(PushRefusal.SnapshotOutOfStep, progress is null
                ? $"Node {Node.Id} is not taking snapshot {snapshotId}."
                : $"Node {Node.Id} is taking snapshot {progress.SnapshotId} and took through '{progress.LastCode}'; refused {what} '{lastCode}' of {snapshotId}.");
        }

        return progress;
    }

    void RefuseOutOfScope(IEnumerable<UnitHeader> units)
    {
        if (units.FirstOrDefault(u => !Node.Covers(u.County)) is { } foreign)
        {
            throw new PushRefusedException(PushRefusal.OutOfScope,
                $"Unit {foreign.Code} (county {foreign.County}) is outside node {Node.Id}'s scope '{Node.Scope}'.");
        }
    }

    /// <summary>The number the snapshot being taken will have as the node's base, which names its file.</summary>
    static long NextBase(SqliteConnection connection, SqliteTransaction? tx) => connection.Scalar<long>(tx, "SELECT number + 1 FROM node_base WHERE id = 1");

    static (long, string) Position(SqliteConnection connection, SqliteTransaction? tx) => (
        connection.Scalar<long>(tx, "SELECT acknowledged_revision FROM node_state WHERE id = 1"),
        connection.Scalar<string>(tx, "SELECT log_id FROM node_log WHERE id = 1")!);

    static SnapshotProgress? Snapshot(SqliteConnection connection, SqliteTransaction? tx) =>
        connection.Query(tx, "SELECT snapshot_id, as_of_revision, last_code, units_received, log_id FROM snapshot WHERE id = 1",
            r => new SnapshotProgress
        {
            SnapshotId = r.GetString(0), AsOfRevision = r.GetInt64(1), LastCode = r.GetString(2), UnitsReceived = r.GetInt64(3), LogId = r.GetString(4),
        }).SingleOrDefault();
}
