using System.Text.Json;
using Microsoft.Data.Sqlite;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Contracts;

namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>
/// The adapter's durable state: what it last published per layer, the exports it has processed, and an
/// outbox of numbered change sets. An export's change sets and the new published state commit together,
/// so a crash or a broker outage never loses or renumbers a change.
/// </summary>
public sealed class AdapterStore : IDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly SqliteFile _file;

    public AdapterStore(string stateDirectory)
    {
        _file = new SqliteFile(Path.Combine(stateDirectory, "adapter.db"));
        using var connection = Open();
        connection.Execute(null, """
            CREATE TABLE IF NOT EXISTS published (layer TEXT NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL, feature TEXT NOT NULL, PRIMARY KEY (layer, id));
            CREATE TABLE IF NOT EXISTS exports (hash TEXT PRIMARY KEY, path TEXT NOT NULL, processed_at TEXT NOT NULL, change_sets INTEGER NOT NULL, error TEXT);
            CREATE TABLE IF NOT EXISTS outbox (sequence INTEGER PRIMARY KEY, layer TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, published_at TEXT);
            -- The outbox keeps every change set ever published (it answers resends and rebuilds a lost hub), each with its
            -- body: what waits, asked for every few seconds, is found through this index instead of reading them all.
            CREATE INDEX IF NOT EXISTS outbox_waiting ON outbox (sequence) WHERE published_at IS NULL;
            CREATE TABLE IF NOT EXISTS numbering (only INTEGER PRIMARY KEY CHECK (only = 1), last_sequence INTEGER NOT NULL);
            INSERT OR IGNORE INTO numbering (only, last_sequence) VALUES (1, (SELECT COALESCE(MAX(sequence), 0) FROM outbox));
            """);
        if (connection.Scalar<long>(null, "SELECT COUNT(*) FROM pragma_table_info('published') WHERE name = 'feature'") == 0)
        {
            // Session-1 state kept only hashes, so snapshots could not be answered from it: say so at start, not mid-export.
            throw new InvalidOperationException($"The adapter state in {Path.GetFullPath(stateDirectory)} was written by an older ZoningHub "
                + "(no published.feature column). Start this stream over together with the hub's state (the embedded run: delete data/): "
                + "a fresh adapter numbers its stream from 1 again, which a hub that kept its state refuses as reused numbers.");
        }

        connection.AddColumnIfMissing("outbox", "trace_parent", "TEXT");
        // Layers whose next export goes out whole, as a snapshot of the layer, instead of as a diff (ContinueAfter).
        connection.Execute(null, "CREATE TABLE IF NOT EXISTS send_whole (layer TEXT PRIMARY KEY, reason TEXT NOT NULL)");
        connection.Execute(null, "CREATE TABLE IF NOT EXISTS source_polls (source TEXT PRIMARY KEY, polled_at TEXT NOT NULL, outcome TEXT NOT NULL, status INTEGER, error TEXT)");

        // What each source (an inbox file, an HTTP endpoint) last delivered. A store from before it had only the
        // exports by content: each source starts from its newest there, so exports still in the inbox are not taken again.
        if (connection.Scalar<long>(null, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'export_sources'") == 0)
        {
            connection.Execute(null, """
                CREATE TABLE export_sources (source TEXT PRIMARY KEY, hash TEXT NOT NULL);
                INSERT INTO export_sources (source, hash)
                SELECT path, hash FROM exports e WHERE processed_at = (SELECT MAX(processed_at) FROM exports WHERE path = e.path) GROUP BY path;
                """);
        }

        // A refusal once stood as what its source delivered last, so the same content came back "unchanged" after the
        // operator's fix (AllowEmptyExports, a mapping); a refused content is now judged again when it comes again.
        connection.Execute(null, "DELETE FROM export_sources WHERE hash IN (SELECT hash FROM exports WHERE error IS NOT NULL)");
        InboxSourceMigration.Run(connection);
    }

    /// <summary>
    /// Whether this is what the source delivered and the adapter took last: a file still in the inbox, or an endpoint
    /// serving the same as at the last poll (a refused one is judged again, <see cref="RecordFailedExport"/>). Content delivered before that is not: a layer edited and then put back
    /// as it was is a change again.
    /// </summary>
    public bool IsLastFrom(string source, string exportHash)
    {
        using var connection = Open();
        return connection.Scalar<string>(null, "SELECT hash FROM export_sources WHERE source = $s", ("$s", source)) == exportHash;
    }

    /// <summary>When the export with this content was last taken, and from where; null if it never was.</summary>
    public EarlierExport? TakenBefore(string exportHash)
    {
        using var connection = Open();
        return connection.Query(null, "SELECT path, processed_at FROM exports WHERE hash = $h AND error IS NULL",
            r => new EarlierExport(r.GetString(0), DateTimeOffset.Parse(r.GetString(1), System.Globalization.CultureInfo.InvariantCulture)),
            ("$h", exportHash)).SingleOrDefault();
    }

    public IReadOnlyDictionary<string, string> Published(string layer)
    {
        using var connection = Open();
        return Published(connection, null, layer);
    }

    static Dictionary<string, string> Published(SqliteConnection connection, SqliteTransaction? tx, string layer) =>
        connection.Query(tx, "SELECT id, hash FROM published WHERE layer = $l", r => (Id: r.GetString(0), Hash: r.GetString(1)), ("$l", layer))
            .ToDictionary(p => p.Id, p => p.Hash, StringComparer.Ordinal);

    /// <summary>
    /// Diffs <paramref name="export"/> against the layer as published, numbers the change sets, puts them in the outbox
    /// and records the new published state, in one transaction. Two sources of one layer (its inbox and an HTTP source)
    /// taken at once are so taken one after the other, each against what the other left: a diff made before the other
    /// committed once applied a stale delete over its upsert, and left a state neither source had.
    /// </summary>
    /// <param name="numberFrom">
    /// The change sets of the diff, numbered from the sequence given; or, when the layer is to be sent whole (its third
    /// argument, see <see cref="ContinueAfter"/>), of the whole export as a snapshot of the layer.
    /// </param>
    /// <param name="traceParent">The trace the change sets continue when they are published (see <see cref="Queued"/>).</param>
    public IReadOnlyList<ChangeSetPublished> RecordExport(string exportHash, string source, string layer, IReadOnlyList<MappedFeature> export,
        Func<long, ExportDiff, bool, IReadOnlyList<ChangeSetPublished>> numberFrom, string? traceParent = null)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction(deferred: false);
        var diff = ExportDiff.Between(Published(connection, tx, layer), export);
        var whole = connection.Execute(tx, "DELETE FROM send_whole WHERE layer = $l", ("$l", layer)) > 0;
        var changeSets = numberFrom(NextSequence(connection, tx), diff, whole);
        AddToOutbox(connection, tx, changeSets, traceParent);

        foreach (var feature in diff.Upserts)
        {
            // The feature as published, so a snapshot can be answered from the adapter's own state.
            connection.Execute(tx, """
                INSERT INTO published (layer, id, hash, feature) VALUES ($l, $i, $h, $f)
                ON CONFLICT (layer, id) DO UPDATE SET hash = $h, feature = $f
                """, ("$l", layer), ("$i", feature.Id), ("$h", feature.Hash), ("$f", JsonSerializer.Serialize(feature.ToChange(), Json)));
        }

        foreach (var id in diff.Deletes)
        {
            connection.Execute(tx, "DELETE FROM published WHERE layer = $l AND id = $i", ("$l", layer), ("$i", id));
        }

        RecordInExports(connection, tx, exportHash, source, changeSets.Count, null);
        connection.Execute(tx, "INSERT OR REPLACE INTO export_sources (source, hash) VALUES ($s, $h)", ("$s", source), ("$h", exportHash));
        tx.Commit();
        return changeSets;
    }

    /// <summary>
    /// Numbers a snapshot of the published features of <paramref name="layers"/> and puts it in the outbox in one
    /// transaction, so it describes one consistent state even while exports keep arriving.
    /// </summary>
    public IReadOnlyList<ChangeSetPublished> RecordSnapshot(IReadOnlyList<string> layers,
        Func<long, IReadOnlyDictionary<string, IReadOnlyList<FeatureChange>>, IReadOnlyList<ChangeSetPublished>> numberFrom, string? traceParent = null)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction(deferred: false);
        var published = layers.ToDictionary(l => l, l => (IReadOnlyList<FeatureChange>)ReadFeatures(connection, tx, l), StringComparer.Ordinal);
        var changeSets = numberFrom(NextSequence(connection, tx), published);
        AddToOutbox(connection, tx, changeSets, traceParent);
        tx.Commit();
        return changeSets;
    }

    static List<FeatureChange> ReadFeatures(SqliteConnection connection, SqliteTransaction tx, string layer)
    {
        using var command = connection.Command(tx, "SELECT feature FROM published WHERE layer = $l ORDER BY id", ("$l", layer));
        using var reader = command.ExecuteReader();
        var features = new List<FeatureChange>();
        while (reader.Read())
        {
            features.Add(JsonSerializer.Deserialize<FeatureChange>(reader.GetString(0), Json)!);
        }

        return features;
    }

    /// <summary>
    /// The hub has applied this stream up to <paramref name="hubLast"/>, past anything this store numbered: it was put
    /// back from a backup, or lost, while the hub kept what came after. Numbering goes on after the hub's last, where the
    /// numbers this store would give next had each been refused as reused (integrity alarms, the change lost). What
    /// this store holds as published is older than the hub's state, so a diff against it would leave the hub wrong where
    /// the lost exports changed features; the next export of each of <paramref name="layers"/> goes out whole, as a
    /// snapshot of its layer, and the sources' last deliveries are forgotten so an export already there is taken again.
    /// </summary>
    /// <returns>The last number given before, when numbering moved; null when the store was not behind the hub.</returns>
    public long? ContinueAfter(long hubLast, IEnumerable<string> layers, string reason)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction(deferred: false);
        var last = connection.Scalar<long>(tx, "SELECT last_sequence FROM numbering");
        if (hubLast <= last)
        {
            return null;
        }

        connection.Execute(tx, "UPDATE numbering SET last_sequence = $n", ("$n", hubLast));
        foreach (var layer in layers)
        {
            connection.Execute(tx, "INSERT OR REPLACE INTO send_whole (layer, reason) VALUES ($l, $r)", ("$l", layer), ("$r", reason));
        }

        connection.Execute(tx, "DELETE FROM export_sources");
        tx.Commit();
        return last;
    }

    /// <summary>The layers whose next export goes out whole (<see cref="ContinueAfter"/>), with why.</summary>
    public IReadOnlyDictionary<string, string> LayersToSendWhole()
    {
        using var connection = Open();
        return connection.Query(null, "SELECT layer, reason FROM send_whole ORDER BY layer", r => (r.GetString(0), r.GetString(1)))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }

    /// <summary>
    /// Numbering has its own counter, not the outbox's highest row: a stream's numbers never repeat (contracts §3),
    /// even after outbox rows are pruned or lost.
    /// </summary>
    static long NextSequence(SqliteConnection connection, SqliteTransaction tx) =>
        connection.Scalar<long>(tx, "SELECT last_sequence + 1 FROM numbering");

    static void AddToOutbox(SqliteConnection connection, SqliteTransaction tx, IEnumerable<ChangeSetPublished> changeSets, string? traceParent)
    {
        foreach (var changeSet in changeSets)
        {
            connection.Execute(tx, "INSERT INTO outbox (sequence, layer, body, created_at, trace_parent) VALUES ($q, $l, $b, $t, $tp)",
                ("$q", changeSet.Sequence), ("$l", changeSet.Layer), ("$b", JsonSerializer.Serialize(changeSet, Json)), ("$t", SqliteExtensions.Now()),
                ("$tp", traceParent));
            connection.Execute(tx, "UPDATE numbering SET last_sequence = MAX(last_sequence, $q)", ("$q", changeSet.Sequence));
        }
    }

    /// <summary>
    /// Lists a refused export, once for its content (refused again, its entry is replaced). What its source delivered
    /// last stays the export taken last: a refused content is judged again whenever it comes again, under the options
    /// and mapping of that time, so the operator's fix takes it.
    /// </summary>
    public void RecordFailedExport(string exportHash, string source, string error)
    {
        using var connection = Open();
        RecordInExports(connection, null, exportHash, source, 0, error);
    }

    /// <summary>The oldest change sets not yet confirmed by the broker, in sequence order.</summary>
    public IReadOnlyList<ChangeSetPublished> Unpublished(int limit) => [.. Queued(limit).Select(q => q.ChangeSet)];

    /// <summary>
    /// As <see cref="Unpublished"/>, each with the trace it was queued in: publishing happens later, after a
    /// restart or a broker outage perhaps, and still belongs to the export that caused it.
    /// </summary>
    public IReadOnlyList<QueuedChangeSet> Queued(int limit) =>
        Read("body, trace_parent", r => new QueuedChangeSet(Body(r), r.IsDBNull(1) ? null : r.GetString(1)),
            "WHERE published_at IS NULL ORDER BY sequence LIMIT $n", ("$n", limit));

    public IReadOnlyList<ChangeSetPublished> Range(long from, long to) =>
        Read("body", Body, "WHERE sequence >= $from AND sequence <= $to ORDER BY sequence", ("$from", from), ("$to", to));

    /// <summary>How many change sets wait for the broker: the outbox depth gauge, read on every metrics collection.</summary>
    public long Depth()
    {
        using var connection = Open();
        using var command = connection.Command(null, "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL");
        return (long)command.ExecuteScalar()!;
    }

    public void MarkPublished(long sequence)
    {
        using var connection = Open();
        connection.Execute(null, "UPDATE outbox SET published_at = $t WHERE sequence = $q", ("$q", sequence), ("$t", SqliteExtensions.Now()));
    }

    /// <summary>
    /// Queues the newest change set to be sent again. A transport that keeps nothing across a restart (the
    /// embedded run's in-memory bus) can lose the tail of a stream, and only a later change set would reveal
    /// that gap; resending the newest one, a duplicate at worst, lets the hub see the gap and ask for the rest.
    /// </summary>
    public void RequeueNewest()
    {
        using var connection = Open();
        connection.Execute(null, "UPDATE outbox SET published_at = NULL WHERE sequence = (SELECT MAX(sequence) FROM outbox)");
    }

    /// <summary>Where the stream stands: for the status API and the publisher's idle check.</summary>
    public OutboxPosition Position()
    {
        using var connection = Open();
        using var command = connection.Command(null, """
            SELECT (SELECT last_sequence FROM numbering),
                   (SELECT COUNT(*) FROM outbox WHERE published_at IS NULL),
                   (SELECT sequence FROM outbox WHERE published_at IS NOT NULL ORDER BY sequence DESC LIMIT 1),
                   (SELECT published_at FROM outbox WHERE published_at IS NOT NULL ORDER BY sequence DESC LIMIT 1),
                   (SELECT COUNT(*) FROM exports WHERE error IS NULL),
                   (SELECT COUNT(*) FROM exports WHERE error IS NOT NULL)
            """);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new OutboxPosition(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2),
            reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
            reader.GetInt64(4), reader.GetInt64(5));
    }

    /// <summary>The refused exports, newest first, with the reason each was refused.</summary>
    public IReadOnlyList<RefusedExport> RefusedExports(int limit)
    {
        using var connection = Open();
        return connection.Query(null, "SELECT path, processed_at, error FROM exports WHERE error IS NOT NULL ORDER BY processed_at DESC LIMIT $n",
            r => new RefusedExport(r.GetString(0), DateTimeOffset.Parse(r.GetString(1), System.Globalization.CultureInfo.InvariantCulture), r.GetString(2)),
            ("$n", limit));
    }

    /// <summary>Keeps how the last poll of an HTTP source ended, replacing the one before.</summary>
    public void RecordPoll(string source, string outcome, int? status, string? error)
    {
        using var connection = Open();
        connection.Execute(null, "INSERT OR REPLACE INTO source_polls (source, polled_at, outcome, status, error) VALUES ($s, $t, $o, $c, $e)",
            ("$s", source), ("$t", SqliteExtensions.Now()), ("$o", outcome), ("$c", status), ("$e", error));
    }

    /// <summary>The last poll of each HTTP source, by source.</summary>
    public IReadOnlyDictionary<string, SourcePoll> LastPolls()
    {
        using var connection = Open();
        return connection.Query(null, "SELECT source, polled_at, outcome, status, error FROM source_polls",
                r => new SourcePoll(r.GetString(0), DateTimeOffset.Parse(r.GetString(1), System.Globalization.CultureInfo.InvariantCulture), r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4)))
            .ToDictionary(p => p.Source, StringComparer.Ordinal);
    }

    List<T> Read<T>(string columns, Func<SqliteDataReader, T> map, string where, params (string, object?)[] parameters)
    {
        using var connection = Open();
        return connection.Query(null, $"SELECT {columns} FROM outbox {where}", map, parameters);
    }

    static ChangeSetPublished Body(SqliteDataReader reader) => JsonSerializer.Deserialize<ChangeSetPublished>(reader.GetString(0), Json)!;

    static void RecordInExports(SqliteConnection connection, SqliteTransaction? tx, string hash, string source, int changeSets, string? error) =>
        connection.Execute(tx, "INSERT OR REPLACE INTO exports (hash, path, processed_at, change_sets, error) VALUES ($h, $p, $t, $c, $e)",
            ("$h", hash), ("$p", source), ("$t", SqliteExtensions.Now()), ("$c", changeSets), ("$e", error));

    internal SqliteConnection Open() => _file.Open();

    /// <inheritdoc cref="SqliteFile.Dispose"/>
    public void Dispose() => _file.Dispose();
}
