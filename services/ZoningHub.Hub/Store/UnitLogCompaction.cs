namespace ZoningHub.Hub.Store;

/// <summary>
/// Drops unit versions superseded at or before a floor revision, keeping every unit's current version and
/// all history after the floor. Nodes that acknowledged less than the floor are then brought up by snapshot.
/// </summary>
public sealed class UnitLogCompaction(HubDatabase database)
{
    /// <returns>The new floor and how many log entries were dropped.</returns>
    public (long Floor, int Dropped) Compact(long keepRevisions)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var floor = Math.Max(0, Revisions.Head(connection, tx) - keepRevisions);
            var current = connection.Scalar<long>(tx, "SELECT floor_revision FROM log_identity WHERE id = 1");
            if (floor <= current)
            {
                return (current, 0);
            }

            // An entry goes only if a newer version of its unit was also written at or before the floor, so the
            // log still answers "what did the unit look like at revision r" for every r from the floor on.
            var dropped = connection.Execute(tx, """
                DELETE FROM unit_log WHERE revision <= $floor AND EXISTS (
                    SELECT 1 FROM unit_log newer WHERE newer.code = unit_log.code AND newer.revision > unit_log.revision AND newer.revision <= $floor)
                """, ("$floor", floor));
            connection.Execute(tx, """
                DELETE FROM unit_messages WHERE revision <= $floor AND NOT EXISTS (SELECT 1 FROM unit_log l WHERE l.revision = unit_messages.revision)
                """, ("$floor", floor));
            connection.Execute(tx, "UPDATE log_identity SET floor_revision = $floor WHERE id = 1", ("$floor", floor));
            tx.Commit();
            return (floor, dropped);
        }
    }
}
