using System.Security.Cryptography;
using System.Text;
using NetTopologySuite.Geometries;

namespace ZoningHub.Hub.Core.Conflicts;

/// <summary>
/// Two departments' features disagree within one county (DESIGN §4). Its identity is (rule, A, B, county):
/// conflicts are kept per county because that is where units are derived and operators act on them. Whether two
/// features overlap above the sliver tolerance is judged on their whole overlap, so the county's piece recorded here,
/// <see cref="Geometry"/> and <see cref="AreaSquareMetres"/>, may be smaller than the tolerance where a county border
/// divides the overlap.
/// </summary>
public sealed record DetectedConflict(string Rule, string FeatureA, string FeatureB, string County, Geometry Geometry, double AreaSquareMetres)
{
    public string Id { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Rule}|{FeatureA}|{FeatureB}|{County}")))[..20];
}
