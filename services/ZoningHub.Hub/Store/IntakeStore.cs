using System.Text.Json;
using Microsoft.Data.Sqlite;
using ZoningHub.Contracts;
using ZoningHub.Geo;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Store;

/// <summary>
/// The intake stage (DESIGN §5): a change set's features, its stream position, the counties it marks and
/// its quarantined part commit together, so a crash never leaves half of it. A batch of change sets commits
/// in one transaction: one disk flush for many change sets is what lets intake keep up with the broker.
/// </summary>
public sealed class IntakeStore(HubDatabase database, QuarantineStore quarantine)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Applies the items in the order given (callers sort each stream by sequence) in one transaction.</summary>
    public IReadOnlyList<IntakeOutcome> ApplyAll(IReadOnlyList<IntakeItem> items)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var outcomes = items.Select(item => Apply(connection, tx, item)).ToList();
            tx.Commit();
            return outcomes;
        }
    }

    IntakeOutcome Apply(SqliteConnection connection, SqliteTransaction tx, IntakeItem item)
    {
        var (changeSet, validation, fingerprint, body) = item;
        if (!item.TakesPlace)
        {
            // In the batch's transaction, so a batch retried while the store cannot be written keeps it only once it commits.
            var (id, heldBefore) = quarantine.Add(connection, tx, changeSet, QuarantineScopes.ChangeSet, validation.ChangeSetRejections, body, fingerprint,
                item.DeliveredBy);
            return new IntakeOutcome(IntakeDisposition.Quarantined, 0, QuarantineId: id) { QuarantinedBefore = heldBefore };
        }

        var last = LastSequence(connection, tx, changeSet.Stream);
        return StreamOrder.Classify(last, changeSet.Sequence) switch
        {
            SequenceDisposition.Duplicate => CheckDuplicate(connection, tx, changeSet, fingerprint, body, last),
            // Next or not, a held number with other content is an alarm: the copy held first is the one applied (DESIGN §5).
            _ when HeldFingerprint(connection, tx, changeSet) is { } held && held != fingerprint =>
                HeldNumberReused(connection, tx, changeSet, fingerprint, held, body, last),
            // A snapshot series is applied only whole (a layer may span several of its change sets): its members wait in the hold.
            _ when ChangeSetValidator.IsSeriesMember(changeSet) => Hold(connection, tx, item, last),
            SequenceDisposition.Early => Hold(connection, tx, item, last),
            _ => ApplyNext(connection, tx, item),
        };
    }

    static long LastSequence(SqliteConnection c, SqliteTransaction? tx, string stream) =>
        c.Scalar<long?>(tx, "SELECT last_sequence FROM streams WHERE stream = $s", ("$s", stream)) ?? 0;

    /// <summary>The held members of a snapshot series in order, once all of them are here and the series can be applied.</summary>
    public IReadOnlyList<HeldChangeSet> ReadySeries(string stream, SnapshotSeries series)
    {
        using var connection = database.Open();
        var last = LastSequence(connection, null, stream);
        var canApply = series.Last > last && (series.First == last + 1 || (series.WholeStream && series.First > last));
        var held = connection.Query(null, "SELECT body, trace_parent FROM held_change_sets WHERE stream = $s AND sequence BETWEEN $f AND $l ORDER BY sequence",
            HeldChangeSet.Read, ("$s", stream), ("$f", series.First), ("$l", series.Last));
        return canApply && held.Count == series.Last - series.First + 1 ? held : [];
    }

    /// <summary>
    /// Applies a complete snapshot series in one transaction: per layer it names, the features its members list
    /// replace the stream's features of that layer. A whole-stream series may start after a gap: the missing
    /// change sets, and any held before the series, are superseded by it.
    /// </summary>
    public SeriesOutcome ApplySeries(IReadOnlyList<IntakeItem> members)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var first = members[0].ChangeSet;
            var last = LastSequence(connection, tx, first.Stream);
            if (last >= first.Series!.Last)
            {
                return new SeriesOutcome(false, last, 0, [], null);
            }

            var marks = new CountyMarks(connection, tx, members[0].TraceParent);
            foreach (var layer in members.GroupBy(m => m.ChangeSet.Layer, StringComparer.Ordinal))
            {
                var upserts = layer.Where(m => !m.Validation.IsRefused).SelectMany(m => m.Validation.Upserts).ToList();
                // A member refused whole leaves unknown what its part of the layer holds (the refusal is in quarantine).
                var deletes = NotListed(connection, tx, layer.Key, first.Stream, layer.Select(m => m.Validation.IsRefused ? null : Listed(m.Validation)));
                ApplyFeatures(connection, tx, marks, first.Stream, first.Series.Last, layer.Key, upserts, deletes);
            }

            var quarantined = members.Select(m => RecordApplied(connection, tx, m)).ToList();
            tx.Commit();
            var skipped = first.Series.First > last + 1 ? (last + 1, first.Series.First - 1) : ((long, long)?)null;
            return new SeriesOutcome(true, first.Series.Last, marks.Count, quarantined, skipped);
        }
    }

    /// <summary>Whether the hub holds this change set, applied or waiting for the ones before it.</summary>
    public bool Holds(string stream, long sequence)
    {
        using var connection = database.Open();
        return connection.Scalar<long>(null, """
            SELECT (SELECT COUNT(*) FROM change_sets WHERE stream = $s AND sequence = $q)
                 + (SELECT COUNT(*) FROM held_change_sets WHERE stream = $s AND sequence = $q)
            """, ("$s", stream), ("$q", sequence)) > 0;
    }

    /// <summary>
    /// Per stream, the first run of sequences missing before a held change set, once something has been held
    /// longer than <paramref name="grace"/>: the range to ask the adapter for. A held run that is next in its
    /// stream (say, an incomplete snapshot series) does not hide a gap inside or after it, and the members a held
    /// series still lacks after its last held one are a gap too: nothing later need arrive to reveal them.
    /// </summary>
    public IReadOnlyList<StreamGap> Gaps(TimeSpan grace)
    {
        using var connection = database.Open();
        var before = (DateTimeOffset.UtcNow - grace).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var held = connection.Query(null, """
            SELECT h.stream, COALESCE(s.last_sequence, 0), h.sequence, h.series_last
            FROM held_change_sets h LEFT JOIN streams s ON s.stream = h.stream
            WHERE h.stream IN (SELECT stream FROM held_change_sets GROUP BY stream HAVING MIN(received_at) <= $before)
            ORDER BY h.stream, h.sequence
            """, r => (Stream: r.GetString(0), Last: r.GetInt64(1), Sequence: r.GetInt64(2), SeriesLast: r.IsDBNull(3) ? 0 : r.GetInt64(3)),
            ("$before", before));
        var gaps = new List<StreamGap>();
        foreach (var stream in held.GroupBy(h => h.Stream, StringComparer.Ordinal))
        {
            var expected = stream.First().Last + 1;
            var gap = (StreamGap?)null;
            foreach (var (_, _, sequence, _) in stream.Where(h => h.Sequence > h.Last))
            {
                if (sequence > expected)
                {
                    gap = new StreamGap(stream.Key, expected, sequence - 1);
                    break;
                }

                expected = sequence + 1;
            }

            var seriesLast = stream.Max(h => h.SeriesLast);
            gap ??= seriesLast >= expected ? new StreamGap(stream.Key, expected, seriesLast) : null;
            if (gap is not null)
            {
                gaps.Add(gap);
            }
        }

        return gaps;
    }

    /// <summary>Streams whose next change set is in the hold, waiting for nothing.</summary>
    public IReadOnlyList<string> StreamsWithReadyHeld()
    {
        using var connection = database.Open();
        return connection.Query(null, """
            SELECT h.stream FROM held_change_sets h LEFT JOIN streams s ON s.stream = h.stream
            WHERE h.sequence = COALESCE(s.last_sequence, 0) + 1
            """, r => r.GetString(0));
    }

    /// <summary>
    /// Whole-stream snapshot series all of whose members are held, after the stream's position (a gap before them or not).
    /// Intake applies such a series when its last member comes; this finds one a crash left in the hold, which no arrival
    /// would wake: none of its members is next in the stream (<see cref="StreamsWithReadyHeld"/>).
    /// </summary>
    public IReadOnlyList<(string Stream, SnapshotSeries Series)> CompleteHeldSeries()
    {
        using var connection = database.Open();
        return connection.Query(null, """
            SELECT h.stream, h.series_first, h.series_last FROM held_change_sets h LEFT JOIN streams s ON s.stream = h.stream
            WHERE h.whole_stream = 1 AND h.series_first > COALESCE(s.last_sequence, 0)
            GROUP BY h.stream, h.series_first, h.series_last
            HAVING COUNT(*) = h.series_last - h.series_first + 1
            """, r => (r.GetString(0), new SnapshotSeries { First = r.GetInt64(1), Last = r.GetInt64(2), WholeStream = true }));
    }

    /// <summary>
    /// The held change sets that are next in their stream: the unbroken run after the last applied one, so a
    /// burst of early arrivals is applied as one batch. Only read here: a held change set leaves the hold in
    /// the transaction that applies it, so a crash in between cannot lose it (its broker message was
    /// acknowledged when it was held).
    /// </summary>
    public IReadOnlyList<HeldChangeSet> ReadyHeldRun(string stream)
    {
        using var connection = database.Open();
        var next = (connection.Scalar<long?>(null, "SELECT last_sequence FROM streams WHERE stream = $s", ("$s", stream)) ?? 0) + 1;
        var held = connection.Query(null, "SELECT body, trace_parent, sequence FROM held_change_sets WHERE stream = $s AND sequence >= $q ORDER BY sequence",
            r => (Sequence: r.GetInt64(2), Held: HeldChangeSet.Read(r)), ("$s", stream), ("$q", next));
        return [.. held.TakeWhile((h, i) => h.Sequence == next + i).Select(h => h.Held)];
    }

    /// <summary>
    /// Applies a quarantined change set again, after an operator fixed what refused it: only the features it
    /// names (a snapshot refused whole, also the deletion of those it no longer lists), and none that a later change
    /// set of the stream has changed since (those are reported superseded).
    /// The entry is closed once nothing in it is refused any more; until then it keeps what is still refused, and why.
    /// </summary>
    /// <param name="traceParent">The trace of the operator's request, continued by the derivation it causes.</param>
    /// <returns>What the replay did, or null when another replay of the entry got there first (nothing was done).</returns>
    public ReplayResult? Replay(QuarantineRecord record, ChangeSetPublished cs, ChangeSetValidation validation, IReadOnlySet<string>? only,
        string? traceParent = null)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            if (!quarantine.Claim(connection, tx, record))
            {
                return null;
            }

            // An id twice in the set that a features-scope entry names only as such had its first copy applied at the time: it is
            // not applied again. One whose first copy was refused (the entry names that copy's rule too) is, if it passes now.
            var appliedThen = record.Scope != QuarantineScopes.Features ? [] : record.Reasons
                .Where(r => r.FeatureId is not null).GroupBy(r => r.FeatureId!, StringComparer.Ordinal)
                .Where(g => g.All(r => r.Rule == RejectionRules.FeatureIdDuplicate)).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            bool Wanted(string id) => (only is null || only.Contains(id)) && !appliedThen.Contains(id);
            var place = record.ReplayPlace ?? cs.Sequence;
            bool Superseded(string id) => FeatureRows.IsNewerThan(connection, tx, cs.Layer, id, cs.Stream, place);
            var upserts = validation.Upserts.Where(f => Wanted(f.Id)).ToList();
            var deletes = validation.Deletes.Where(Wanted).ToList();
            if (only is null && !validation.IsRefused && cs.Kind == ChangeSetKinds.Snapshot)
            {
                // Refused whole, a snapshot (or a series member) deleted nothing when it came: replayed, it deletes what it no
                // longer lists, as it would have then, of what the stream wrote before it. Later writes are not its to undo.
                // A series member's layer may span its siblings: what any member lists is kept, and "before" is before the
                // series, since what the series wrote (at its last sequence) and its siblings' replays are what it lists.
                var series = ChangeSetValidator.IsSeriesMember(cs) ? cs.Series : null;
                // A member taken out of the hold has no siblings the hub applied: what they list is not known, and nothing is deleted.
                IEnumerable<IEnumerable<string>?> listings = series is null ? [Listed(validation)]
                    : record.ReplayPlace is not null ? [null]
                    : [Listed(validation), .. SiblingListings(connection, tx, cs, series)];
                var writtenBefore = record.ReplayPlace is { } reached ? reached + 1 : series?.First ?? cs.Sequence;
                deletes = [.. deletes.Union(NotListed(connection, tx, cs.Layer, cs.Stream, listings, writtenBefore))];
            }

            var superseded = upserts.Select(f => f.Id).Concat(deletes).Where(Superseded).ToHashSet(StringComparer.Ordinal);
            var marks = new CountyMarks(connection, tx, traceParent);
            ApplyFeatures(connection, tx, marks, cs.Stream, place, cs.Layer, [.. upserts.Where(f => !superseded.Contains(f.Id))], deletes.Where(id => !superseded.Contains(id)));

            // Refused whole now (a limit lowered since), an entry of some features keeps them: the next replay takes just those.
            IReadOnlyList<Rejection> stillRefused = validation.IsRefused
                ? [.. validation.ChangeSetRejections, .. record.Reasons.Where(r => r.FeatureId is not null && only is not null)]
                : [.. validation.FeatureRejections.Where(r => r.FeatureId is null || only is null || only.Contains(r.FeatureId))];
            var result = new ReplayResult(record.Id, [.. upserts.Select(f => f.Id).Concat(deletes).Where(id => !superseded.Contains(id))],
                [.. superseded.Order(StringComparer.Ordinal)], stillRefused, marks.Count);
            quarantine.RecordReplay(connection, tx, record.Id, result, only is not null || !validation.IsRefused ? QuarantineScopes.Features : QuarantineScopes.ChangeSet);
            tx.Commit();
            return result;
        }
    }

    /// <summary>Deletes and upserts one layer's features, recorded as written by <paramref name="stream"/> at <paramref name="sequence"/>.</summary>
    static void ApplyFeatures(SqliteConnection c, SqliteTransaction tx, CountyMarks marks, string stream, long sequence, string layer,
        IReadOnlyList<SourceFeature> upserts, IEnumerable<string> deletes)
    {
        foreach (var id in deletes)
        {
            marks.MarkFeatureArea(layer, id);
            FeatureRows.Delete(c, tx, stream, sequence, layer, id);
        }

        foreach (var feature in upserts)
        {
            marks.MarkFeatureArea(layer, feature.Id);
            FeatureRows.Upsert(c, tx, stream, sequence, feature);
            marks.MarkFeatureArea(layer, feature.Id);
        }
    }

    IntakeOutcome CheckDuplicate(SqliteConnection c, SqliteTransaction tx, ChangeSetPublished cs, string fingerprint, string body, long last)
    {
        var known = c.Scalar<string>(tx, "SELECT fingerprint FROM change_sets WHERE stream = $s AND sequence = $q",
            ("$s", cs.Stream), ("$q", cs.Sequence));
        if (known is null || known == fingerprint)
        {
            return new IntakeOutcome(IntakeDisposition.Duplicate, last);
        }

        var reason = ChangeSetValidator.Reject(RejectionRules.IntegrityConflict, null,
            $"Sequence {cs.Sequence} of stream '{cs.Stream}' was already applied with different content (fingerprint {known[..12]}…, now {fingerprint[..12]}…). Not applied; publish changes under a new sequence number.");
        var (id, heldBefore) = quarantine.Add(c, tx, cs, QuarantineScopes.ChangeSet, [reason], body, fingerprint);
        return new IntakeOutcome(IntakeDisposition.IntegrityConflict, last, QuarantineId: id) { QuarantinedBefore = heldBefore };
    }

    /// <summary>The fingerprint of the copy of this number that is held, if one is (null too for rows held before fingerprints were kept).</summary>
    static string? HeldFingerprint(SqliteConnection c, SqliteTransaction tx, ChangeSetPublished cs) =>
        c.Scalar<string>(tx, "SELECT fingerprint FROM held_change_sets WHERE stream = $s AND sequence = $q", ("$s", cs.Stream), ("$q", cs.Sequence));

    /// <summary>
    /// A held number arriving again with other content is an integrity alarm (DESIGN §5), as for an applied number: the
    /// copy held first stays held and is applied in its turn, also when this copy came in the batch that made it next.
    /// </summary>
    IntakeOutcome HeldNumberReused(SqliteConnection c, SqliteTransaction tx, ChangeSetPublished cs, string fingerprint, string known, string body, long last)
    {
        var reason = ChangeSetValidator.Reject(RejectionRules.IntegrityConflict, null,
            $"Sequence {cs.Sequence} of stream '{cs.Stream}' is held (it came before the numbers it follows) with different content (fingerprint {known[..12]}…, now {fingerprint[..12]}…). Not held; the copy held first is applied in its turn. Publish changes under a new sequence number.");
        var (id, heldBefore) = quarantine.Add(c, tx, cs, QuarantineScopes.ChangeSet, [reason], body, fingerprint);
        return new IntakeOutcome(IntakeDisposition.IntegrityConflict, last, QuarantineId: id) { QuarantinedBefore = heldBefore };
    }

    /// <summary>
    /// Holds a change set that came early; the same content arriving again is a redelivery, held once. Its trace goes
    /// with it, so the counties it marks when it is applied are derived in its own trace, not in the one that made it next.
    /// </summary>
    static IntakeOutcome Hold(SqliteConnection c, SqliteTransaction tx, IntakeItem item, long last)
    {
        var cs = item.ChangeSet;
        var series = ChangeSetValidator.IsSeriesMember(cs) ? cs.Series : null;
        c.Execute(tx, """
            INSERT OR IGNORE INTO held_change_sets (stream, sequence, body, received_at, fingerprint, series_first, series_last, whole_stream, trace_parent)
            VALUES ($s, $q, $b, $t, $f, $first, $last, $whole, $trace)
            """, ("$s", cs.Stream), ("$q", cs.Sequence), ("$b", item.Body), ("$t", SqliteExtensions.Now()), ("$f", item.Fingerprint),
            ("$first", series?.First), ("$last", series?.Last), ("$whole", series?.WholeStream == true ? 1 : 0), ("$trace", item.TraceParent));
        return new IntakeOutcome(IntakeDisposition.Held, last);
    }

    IntakeOutcome ApplyNext(SqliteConnection c, SqliteTransaction tx, IntakeItem item)
    {
        var (cs, validation, _, _) = item;
        var marks = new CountyMarks(c, tx, item.TraceParent);
        if (!validation.IsRefused)
        {
            var deletes = cs.Kind == ChangeSetKinds.Snapshot
                ? FeatureRows.IdsNotIn(c, tx, cs.Layer, cs.Stream, Listed(validation)).Concat(validation.Deletes)
                : validation.Deletes;
            ApplyFeatures(c, tx, marks, cs.Stream, cs.Sequence, cs.Layer, validation.Upserts, deletes);
        }

        var quarantineId = RecordApplied(c, tx, item);
        return new IntakeOutcome(IntakeDisposition.Applied, cs.Sequence, marks.Count, quarantineId);
    }

    /// <summary>
    /// The features a snapshot lists, taken or refused: a refused feature keeps the version the hub holds, as it does
    /// when a delta brings it, rather than being deleted for not being taken.
    /// </summary>
    static IEnumerable<string> Listed(ChangeSetValidation validation) =>
        validation.Upserts.Select(f => f.Id).Concat(validation.FeatureRejections.Select(r => r.FeatureId).OfType<string>());

    /// <summary>
    /// What a snapshot, or the members of a series that share a layer, no longer list of the features the stream wrote to
    /// the layer. A member's listing unknown (null) deletes nothing, rather than every feature that member would have listed.
    /// </summary>
    static IEnumerable<string> NotListed(SqliteConnection c, SqliteTransaction tx, string layer, string stream,
        IEnumerable<IEnumerable<string>?> listings, long writtenBefore = long.MaxValue)
    {
        var all = listings.ToList();
        return all.Contains(null) ? [] : FeatureRows.IdsNotIn(c, tx, layer, stream, all.SelectMany(l => l!), writtenBefore);
    }

    /// <summary>
    /// What the other members of <paramref name="cs"/>'s series list of its layer, for its replay. A member applied with
    /// nothing refused needs none: the series wrote all it lists, after the replay's reach. One refused whole or in part
    /// has its body in quarantine (the entry of the content applied, by fingerprint); without it, its listing is unknown.
    /// </summary>
    static List<IEnumerable<string>?> SiblingListings(SqliteConnection c, SqliteTransaction tx, ChangeSetPublished cs, SnapshotSeries series) =>
        c.Query<IEnumerable<string>?>(tx, """
            SELECT (SELECT q.body FROM quarantine q WHERE q.stream = m.stream AND q.sequence = m.sequence AND q.fingerprint = m.fingerprint LIMIT 1)
            FROM change_sets m WHERE m.stream = $s AND m.layer = $l AND m.sequence BETWEEN $f AND $t AND m.sequence <> $q AND m.rejected > 0
            """, r => r.IsDBNull(0) ? null : JsonSerializer.Deserialize<ChangeSetPublished>(r.GetString(0), Json)?.Features?
                .Where(f => f is not null && f.Operation != FeatureOperations.Delete).Select(f => f.Id).ToList(),
            ("$s", cs.Stream), ("$l", cs.Layer), ("$f", series.First), ("$t", series.Last), ("$q", cs.Sequence));

    /// <summary>The change set's row, the stream's new position, the hold emptied up to it, and its refused part in quarantine.</summary>
    long? RecordApplied(SqliteConnection c, SqliteTransaction tx, IntakeItem item)
    {
        var (cs, validation, fingerprint, body) = item;
        c.Execute(tx, """
            INSERT INTO change_sets (stream, sequence, layer, fingerprint, upserts, deletes, rejected, applied_at, repairs)
            VALUES ($s, $q, $l, $f, $u, $d, $r, $t, $repairs)
            """, ("$repairs", JsonSerializer.Serialize(validation.Repairs)), ("$s", cs.Stream), ("$q", cs.Sequence), ("$l", cs.Layer), ("$f", fingerprint),
            ("$u", validation.Upserts.Count), ("$d", validation.Deletes.Count),
            ("$r", validation.IsRefused ? cs.Features.Count : validation.FeatureRejections.Count), ("$t", SqliteExtensions.Now()));
        c.Execute(tx, """
            INSERT INTO streams (stream, department, layers, last_sequence, last_seen) VALUES ($s, $d, $l, $q, $t)
            ON CONFLICT (stream) DO UPDATE SET last_sequence = $q, last_seen = $t,
                layers = CASE WHEN instr(',' || layers || ',', ',' || $l || ',') > 0 THEN layers
                              WHEN layers = '' THEN $l ELSE layers || ',' || $l END
            """, ("$s", cs.Stream), ("$d", cs.Department), ("$l", cs.Layer), ("$q", cs.Sequence), ("$t", SqliteExtensions.Now()));
        c.Execute(tx, "DELETE FROM held_change_sets WHERE stream = $s AND sequence <= $q", ("$s", cs.Stream), ("$q", cs.Sequence));

        var rejections = validation.AllRejections.ToList();
        return rejections.Count == 0 ? null
            : quarantine.Add(c, tx, cs, validation.IsRefused ? QuarantineScopes.ChangeSet : QuarantineScopes.Features, rejections, body, fingerprint,
                item.DeliveredBy).Id;
    }
}
