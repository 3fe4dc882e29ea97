using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Hub.Store;

/// <summary>
/// Drops unit versions superseded at or before a floor revision, keeping every unit's current version and
/// all history after the floor. Nodes that acknowledged less than the floor are then brought up by snapshot.
/// </summary>
/// <remarks>
/// The floor moves up in steps of <see cref="StepRevisions"/>, each in a transaction of its own, with a pause between
/// them: in one transaction, the first compaction of a long log (the schedule's at start, or an operator's) held the
/// store's write lock until it was through, and intake and derivation waited, or gave up after the store's 30 s busy
/// timeout. Every step leaves a log compacted to its floor, so a compaction stopped between steps (the hub stopping,
/// the operator's request given up) loses nothing, and the next one goes on from there.
/// </remarks>
public sealed class UnitLogCompaction(HubDatabase database)
{
    /// <summary>The revisions each step moves the floor by.</summary>
    public const int StepRevisions = 5_000;

    /// <summary>
    /// The pause after each step: SQLite's longest wait between two tries of a writer kept waiting, so that one waiting
    /// for the lock takes it before the next step does.
    /// </summary>
    static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    // An entry goes only if a newer version of its unit was also written at or before the floor, so the log still
    // answers "what did the unit look like at revision r" for every r from the floor on. Only units with a version
    // in the step can have one: the others were compacted to the step's start already.
    const string Superseded = """
        revision <= $floor AND code IN (SELECT code FROM unit_log WHERE revision > $from AND revision <= $floor) AND EXISTS (
            SELECT 1 FROM unit_log newer WHERE newer.code = unit_log.code AND newer.revision > unit_log.revision AND newer.revision <= $floor)
        """;

    /// <param name="stepRevisions">How far each step moves the floor; <see cref="StepRevisions"/> unless a spec sets it.</param>
    /// <returns>The new floor and how many log entries were dropped.</returns>
    public async Task<(long Floor, int Dropped)> CompactAsync(long keepRevisions, CancellationToken cancellationToken, int stepRevisions = StepRevisions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepRevisions);
        var dropped = 0;
        while (true)
        {
            var (floor, step, done) = Step(keepRevisions, stepRevisions);
            dropped += step;
            if (done)
            {
                return (floor, dropped);
            }

            await Task.Delay(Pause, cancellationToken);
        }
    }

    /// <returns>The floor after the step, the entries it dropped, and whether the floor has reached its goal.</returns>
    (long Floor, int Dropped, bool Done) Step(long keepRevisions, int stepRevisions)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var goal = Math.Max(0, Revisions.Head(connection, tx) - keepRevisions);
            var current = connection.Scalar<long>(tx, "SELECT floor_revision FROM log_identity WHERE id = 1");
            if (goal <= current)
            {
                return (current, 0, true);
            }

            var floor = Math.Min(goal, current + stepRevisions);
            // The superseded entries are found once, and their messages deleted by the revisions that return.
            var dropped = connection.Query(tx, $"DELETE FROM unit_log WHERE {Superseded} RETURNING revision", r => r.GetInt64(0),
                ("$from", current), ("$floor", floor));
            using (var messages = new SqliteStatement(connection, "DELETE FROM unit_messages WHERE revision = ?1"))
            {
                foreach (var revision in dropped)
                {
                    messages.Bind(1, revision).Execute();
                }
            }

            connection.Execute(tx, "UPDATE log_identity SET floor_revision = $floor WHERE id = 1", ("$floor", floor));
            tx.Commit();
            return (floor, dropped.Count, floor == goal);
        }
    }
}
