using Microsoft.Data.Sqlite;

namespace ZoningHub.Hub.Store;

/// <summary>Tables of the hub store; created on start, additive changes only.</summary>
static class HubSchema
{
    public static void Apply(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS streams (
                stream TEXT PRIMARY KEY, department TEXT NOT NULL, layers TEXT NOT NULL DEFAULT '',
                last_sequence INTEGER NOT NULL DEFAULT 0, last_seen TEXT);
            CREATE TABLE IF NOT EXISTS change_sets (
                stream TEXT NOT NULL, sequence INTEGER NOT NULL, layer TEXT NOT NULL, fingerprint TEXT NOT NULL,
                upserts INTEGER NOT NULL, deletes INTEGER NOT NULL, rejected INTEGER NOT NULL, applied_at TEXT NOT NULL,
                repairs TEXT NOT NULL DEFAULT '[]',
                PRIMARY KEY (stream, sequence));
            CREATE TABLE IF NOT EXISTS held_change_sets (
                stream TEXT NOT NULL, sequence INTEGER NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL,
                PRIMARY KEY (stream, sequence));
            CREATE TABLE IF NOT EXISTS features (
                layer TEXT NOT NULL, id TEXT NOT NULL, stream TEXT NOT NULL, sequence INTEGER NOT NULL DEFAULT 0, source_version TEXT NOT NULL,
                county TEXT, properties TEXT NOT NULL, geometry BLOB NOT NULL,
                min_x REAL NOT NULL, min_y REAL NOT NULL, max_x REAL NOT NULL, max_y REAL NOT NULL,
                PRIMARY KEY (layer, id));
            CREATE INDEX IF NOT EXISTS features_bbox ON features (layer, min_x, max_x);
            -- Each county's derivation finds its boundary by code: through features_bbox it read every county's row
            -- (0.54 ms a county on the benchmark's national store, against 0.009 ms).
            CREATE INDEX IF NOT EXISTS features_county ON features (county) WHERE county IS NOT NULL;
            CREATE TABLE IF NOT EXISTS deleted_features (
                layer TEXT NOT NULL, id TEXT NOT NULL, stream TEXT NOT NULL, sequence INTEGER NOT NULL, PRIMARY KEY (layer, id));
            CREATE TABLE IF NOT EXISTS marked_counties (county TEXT PRIMARY KEY, generation INTEGER NOT NULL);
            -- Every change's trace that marked a county, until a derivation has seen it (CountyTraces).
            CREATE TABLE IF NOT EXISTS county_traces (
                county TEXT NOT NULL, trace_parent TEXT NOT NULL, generation INTEGER NOT NULL, PRIMARY KEY (county, trace_parent));
            CREATE TABLE IF NOT EXISTS derivation_failures (county TEXT PRIMARY KEY, error TEXT NOT NULL, failed_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS unit_registry (
                identity TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, county TEXT NOT NULL, type INTEGER NOT NULL, serial INTEGER NOT NULL);
            -- A new unit's serial is the next of its county and type (UnitRegistry): without this, each read the whole
            -- registry inside derivation's write transaction (0.57 ms a unit with 21,649 registered, against 0.008 ms).
            CREATE INDEX IF NOT EXISTS unit_registry_serial ON unit_registry (county, type, serial);
            CREATE TABLE IF NOT EXISTS head (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL);
            INSERT OR IGNORE INTO head (id, revision) VALUES (1, 0);
            CREATE TABLE IF NOT EXISTS unit_log (
                revision INTEGER PRIMARY KEY, code TEXT NOT NULL, identity TEXT NOT NULL, county TEXT NOT NULL,
                type INTEGER NOT NULL, version INTEGER NOT NULL, retired INTEGER NOT NULL, geometry BLOB, area REAL NOT NULL,
                content_hash TEXT NOT NULL, sources TEXT NOT NULL, access_list TEXT NOT NULL, revised_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS unit_log_county ON unit_log (county, revision);
            CREATE INDEX IF NOT EXISTS unit_log_code ON unit_log (code, revision);
            -- Each log entry encoded as nodes receive it (EncodedUnit), geometry included: unit_log.geometry is only
            -- filled in entries written before this table, which are encoded when read. A table of its own, so reading
            -- the log's columns does not walk the encodings' overflow pages.
            CREATE TABLE IF NOT EXISTS unit_messages (revision INTEGER PRIMARY KEY, message BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS units (
                code TEXT PRIMARY KEY, identity TEXT NOT NULL, county TEXT NOT NULL, type INTEGER NOT NULL,
                version INTEGER NOT NULL, revision INTEGER NOT NULL, retired INTEGER NOT NULL, content_hash TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS units_county ON units (county);
            -- A snapshot reads each unit's code, county and revision in code order: from this index alone, where through
            -- the code's own index it also looked up each unit's row (a sixth of the hub's reading of one, session 21).
            CREATE INDEX IF NOT EXISTS units_snapshot ON units (code, county, revision);
            CREATE TABLE IF NOT EXISTS conflicts (
                id TEXT NOT NULL, opened_revision INTEGER NOT NULL, rule TEXT NOT NULL, feature_a TEXT NOT NULL, feature_b TEXT NOT NULL,
                county TEXT NOT NULL, geometry BLOB NOT NULL, area REAL NOT NULL, opened_at TEXT NOT NULL,
                resolved_revision INTEGER, resolved_at TEXT, PRIMARY KEY (id, opened_revision));
            CREATE INDEX IF NOT EXISTS conflicts_open ON conflicts (county) WHERE resolved_revision IS NULL;
            -- Derivation events not yet published, recorded in their pass's transaction (DerivationOutbox); a row is
            -- deleted once published. A store from before starts with none: its passes' events went out, or were lost, then.
            CREATE TABLE IF NOT EXISTS derivation_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, body TEXT NOT NULL, trace_parent TEXT);
            CREATE TABLE IF NOT EXISTS quarantine (
                id INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, sequence INTEGER NOT NULL, department TEXT NOT NULL,
                layer TEXT NOT NULL, scope TEXT NOT NULL, reasons TEXT NOT NULL, body TEXT NOT NULL,
                received_at TEXT NOT NULL, replayed_at TEXT, replay_result TEXT);
            CREATE TABLE IF NOT EXISTS nodes (
                node_id TEXT PRIMARY KEY, scope TEXT NOT NULL, address TEXT NOT NULL,
                acknowledged_revision INTEGER NOT NULL DEFAULT 0, acknowledged_at TEXT,
                state TEXT NOT NULL DEFAULT 'unknown', last_error TEXT, updated_at TEXT);
            CREATE TABLE IF NOT EXISTS node_digests (
                node_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, hub_digest TEXT NOT NULL, node_digest TEXT NOT NULL,
                hub_units INTEGER NOT NULL, node_units INTEGER NOT NULL, verified_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS filings (
                id INTEGER PRIMARY KEY AUTOINCREMENT, province TEXT NOT NULL, node_id TEXT NOT NULL,
                from_revision INTEGER NOT NULL, to_revision INTEGER NOT NULL, units INTEGER NOT NULL, kind TEXT NOT NULL, filed_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS filings_province ON filings (province, to_revision);
            -- A province's last filing time, which /api/status shows (NodeStore.Filings), read from the index's end.
            CREATE INDEX IF NOT EXISTS filings_filed ON filings (province, filed_at);
            CREATE TABLE IF NOT EXISTS log_identity (
                id INTEGER PRIMARY KEY CHECK (id = 1), log_id TEXT NOT NULL, floor_revision INTEGER NOT NULL DEFAULT 0);
            """;
        command.ExecuteNonQuery();
        connection.AddColumnIfMissing("nodes", "detail", "TEXT");
        // 0 for a node no longer in the hub's configuration (NodeStore.RegisterOnly).
        connection.AddColumnIfMissing("nodes", "registered", "INTEGER NOT NULL DEFAULT 1");
        // Why a resync was asked for and has not begun (NodeStore.RequestResync); null, none pending, for rows from before,
        // when requests were kept only in memory and a restart had dropped them anyway.
        connection.AddColumnIfMissing("nodes", "resync_reason", "TEXT");
        // The revision of the snapshot a node began and the hub has not yet seen it complete (NodeStore.SnapshotBegun): the
        // completion's answer can be lost, and the snapshot is then filed as one when the node is next seen past it.
        connection.AddColumnIfMissing("nodes", "snapshot_as_of", "INTEGER");
        // Replays taken of a quarantine entry: a replay claims the entry only as it read it (QuarantineStore.Claim).
        connection.AddColumnIfMissing("quarantine", "attempts", "INTEGER NOT NULL DEFAULT 0");
        // An operator closes an entry no replay can lift (QuarantineStore.Dismiss); it is kept, as evidence.
        connection.AddColumnIfMissing("quarantine", "dismissed_at", "TEXT");
        // Whether the entry's ChangeSetRejected event is out (QuarantineStore.Unannounced); entries from before were announced.
        connection.AddColumnIfMissing("quarantine", "announced", "INTEGER NOT NULL DEFAULT 1");
        // Intake asks for them after every batch; entries are kept for good, as evidence, and a scan grows with them.
        connection.Execute(null, "CREATE INDEX IF NOT EXISTS quarantine_unannounced ON quarantine (id) WHERE announced = 0");
        // The refused change set's fingerprint, so the same refusal delivered again finds its open entry (QuarantineStore.Add);
        // null for entries from before, which nothing matches.
        connection.AddColumnIfMissing("quarantine", "fingerprint", "TEXT");
        connection.Execute(null, "CREATE INDEX IF NOT EXISTS quarantine_fingerprint ON quarantine (fingerprint)");
        // The department that published the refused input, whose rejection exchange hears of it (QuarantineStore.Add); null
        // for entries from before, whose event goes to the stream's department, as it did then.
        connection.AddColumnIfMissing("quarantine", "publisher", "TEXT");
        // Where in its stream a replay applies an entry when not at its own number: a change set taken out of the hold
        // (HeldChangeSets) is numbered beyond what its stream sent after it, and takes the place the stream had reached.
        connection.AddColumnIfMissing("quarantine", "replay_place", "INTEGER");
        // The last revision at which an open conflict's extent changed (ConflictChanged); null while it is as it opened.
        connection.AddColumnIfMissing("conflicts", "changed_revision", "INTEGER");
        connection.AddColumnIfMissing("conflicts", "changed_at", "TEXT");
        // W3C traceparents, so derivation and push continue the traces of the change sets that caused them.
        // marked_counties.trace_parent kept only the newest change's trace, so the earlier ones ended at intake;
        // county_traces keeps them all now, and this column is only read once, to move what an older store holds.
        connection.AddColumnIfMissing("marked_counties", "trace_parent", "TEXT");
        connection.AddColumnIfMissing("marked_counties", "traces_dropped", "INTEGER NOT NULL DEFAULT 0");
        connection.AddColumnIfMissing("unit_log", "trace_parent", "TEXT");
        // A held number arriving again with other content is an integrity alarm (IntakeStore.Hold); null for rows held before.
        connection.AddColumnIfMissing("held_change_sets", "fingerprint", "TEXT");
        // The last member of the snapshot series a held change set belongs to, so a missing last member is asked for (IntakeStore.Gaps).
        connection.AddColumnIfMissing("held_change_sets", "series_last", "INTEGER");
        // Where a held member's series starts and whether it is whole-stream, so a complete series a crash left held after
        // a gap is found without reading the bodies (IntakeStore.CompleteHeldSeries). Rows held before get them from their body.
        connection.AddColumnIfMissing("held_change_sets", "series_first", "INTEGER");
        connection.AddColumnIfMissing("held_change_sets", "whole_stream", "INTEGER NOT NULL DEFAULT 0");
        connection.Execute(null, """
            UPDATE held_change_sets SET series_first = json_extract(body, '$.series.first'),
                whole_stream = COALESCE(json_extract(body, '$.series.wholeStream'), 0)
            WHERE series_last IS NOT NULL AND series_first IS NULL AND json_valid(body)
            """);
        // The held change set's own trace, which its counties are marked in when it is applied; null for rows held before.
        connection.AddColumnIfMissing("held_change_sets", "trace_parent", "TEXT");
        CountyTraces.MigrateFromMarks(connection);
        // Stores written before knew a county's general unit by its boundary feature's id; it takes the county's now.
        GeneralUnitIdentities.Migrate(connection);
        // The log's name is drawn once, when the store is created, and kept for its life.
        connection.Execute(null, "INSERT OR IGNORE INTO log_identity (id, log_id) VALUES (1, $id)", ("$id", Guid.NewGuid().ToString("N")));
    }
}
