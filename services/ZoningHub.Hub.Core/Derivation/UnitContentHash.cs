using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NetTopologySuite.Geometries;
using ZoningHub.Geo;

namespace ZoningHub.Hub.Core.Derivation;

/// <summary>
/// Hash over identity, geometry, area, sources and access list — not the code alias — so the same source
/// state yields the same hash whatever order changes arrived in (DESIGN §3, §5).
/// </summary>
public static class UnitContentHash
{
    public static string Compute(UnitIdentity identity, Geometry geometry, double area,
        IReadOnlyList<string> sources, IReadOnlyList<AccessRule> accessList)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, identity.Key);
        // Normalized: the same shape hashes the same whatever its ring start or orientation.
        hash.AppendData(GeoContext.WriteWkb(geometry.Normalized()));
        Append(hash, area.ToString("F2", CultureInfo.InvariantCulture));
        foreach (var source in sources.Order(StringComparer.Ordinal))
        {
            Append(hash, source);
        }

        foreach (var rule in accessList)
        {
            Append(hash, rule.Dimension);
            Append(hash, rule.TextZh);
            // Nodes are sent the English text too: a corrected translation is a new version for them to receive.
            Append(hash, rule.TextEn);
            Append(hash, string.Join(',', rule.ForbiddenIndustries));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Length-prefixed so ("ab","c") and ("a","bc") never collide.
    static void Append(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }
}
