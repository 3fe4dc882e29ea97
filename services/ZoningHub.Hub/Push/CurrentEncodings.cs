using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Push;

/// <summary>
/// Every unit's current version as nodes receive it, retired ones included, in code order, as of one revision of the
/// log: what a snapshot sends. Never changed once made, so a snapshot sends from the one it began with while newer ones
/// are made beside it (<see cref="After"/>), sharing every unchanged unit's bytes.
/// </summary>
public sealed class CurrentEncodings
{
    readonly EncodedUnit[] _byCode;

    CurrentEncodings(long revision, EncodedUnit[] byCode) => (Revision, _byCode) = (revision, byCode);

    /// <summary>The revision of the log these are the current versions at.</summary>
    public long Revision { get; }

    public int Count => _byCode.Length;

    /// <param name="byCode">Every unit's version as of <paramref name="revision"/>, in code order.</param>
    public static CurrentEncodings Of(long revision, IEnumerable<EncodedUnit> byCode) => new(revision, [.. byCode]);

    /// <summary>These units as of <paramref name="revision"/>, given the log's entries after <see cref="Revision"/> up to it, oldest first.</summary>
    public CurrentEncodings After(long revision, IEnumerable<EncodedUnit> newer)
    {
        var latest = new Dictionary<string, EncodedUnit>(StringComparer.Ordinal);
        foreach (var unit in newer)
        {
            latest[unit.Code] = unit;
        }

        var added = latest.Keys.Where(code => !Holds(code)).Order(StringComparer.Ordinal).ToList();
        var merged = new EncodedUnit[_byCode.Length + added.Count];
        var (at, next) = (0, 0);
        foreach (var unit in _byCode)
        {
            for (; next < added.Count && string.CompareOrdinal(added[next], unit.Code) < 0; next++)
            {
                merged[at++] = latest[added[next]];
            }

            merged[at++] = latest.GetValueOrDefault(unit.Code) ?? unit;
        }

        for (; next < added.Count; next++)
        {
            merged[at++] = latest[added[next]];
        }

        return new(revision, merged);
    }

    /// <summary>The units in the range, in code order.</summary>
    public IEnumerable<EncodedUnit> InScope(SnapshotRange range)
    {
        var start = Math.Max(IndexOf(range.After, past: true), IndexOf(range.From, past: false));
        for (var i = start; i < _byCode.Length && !range.IsPast(_byCode[i].Code); i++)
        {
            yield return _byCode[i];
        }
    }

    bool Holds(string code)
    {
        var at = IndexOf(code, past: false);
        return at < _byCode.Length && _byCode[at].Code == code;
    }

    /// <summary>The first unit whose code is <paramref name="code"/> or after it, or only after it when <paramref name="past"/>.</summary>
    int IndexOf(string code, bool past)
    {
        var (low, high) = (0, _byCode.Length);
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            var order = string.CompareOrdinal(_byCode[middle].Code, code);
            if (order < 0 || (past && order == 0))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
