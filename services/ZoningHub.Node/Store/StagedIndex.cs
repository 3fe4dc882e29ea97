namespace ZoningHub.Node.Store;

/// <summary>
/// The index of the snapshot being taken, built as its chunks are taken (their headers are read then anyway), so
/// that completion does not read the chunks again. Kept only in memory: after a restart, completion reads them.
/// </summary>
sealed class StagedIndex
{
    readonly Lock _lock = new();
    string _snapshotId = "";
    List<BaseUnit> _units = [];

    /// <summary>Starts the index of a snapshot begun (again, perhaps).</summary>
    public void Begin(string snapshotId)
    {
        lock (_lock)
        {
            (_snapshotId, _units) = (snapshotId, []);
        }
    }

    /// <summary>Adds a taken chunk's units, starting over if they are another snapshot's.</summary>
    public void Take(string snapshotId, IEnumerable<BaseUnit> units)
    {
        lock (_lock)
        {
            if (_snapshotId != snapshotId)
            {
                (_snapshotId, _units) = (snapshotId, []);
            }

            _units.AddRange(units);
        }
    }

    /// <summary>The snapshot's index as base <paramref name="number"/>, if every one of its <paramref name="units"/> taken is in it.</summary>
    public BaseUnits? Of(string snapshotId, long number, long units)
    {
        lock (_lock)
        {
            return _snapshotId == snapshotId && _units.Count == units ? new BaseUnits(snapshotId, number, [.. _units]) : null;
        }
    }
}
