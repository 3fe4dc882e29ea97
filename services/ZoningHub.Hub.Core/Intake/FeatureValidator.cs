using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using NetTopologySuite.Precision;
using ZoningHub.Contracts;
using ZoningHub.Geo;
using static ZoningHub.Hub.Core.Intake.ChangeSetValidator;

namespace ZoningHub.Hub.Core.Intake;

/// <summary>Per-feature rules: geometry present, readable, of the layer's type, inside China, valid.</summary>
public static class FeatureValidator
{
    /// <summary>China's extent with a margin, lon/lat (covers the Nansha islands and the far west).</summary>
    public static readonly Envelope ChinaExtent = new(73.0, 136.0, 3.0, 54.0);

    public static (SourceFeature? Accepted, Rejection? Rejection, Repair? Repair) Validate(string layer, FeatureChange feature, ValidationPolicy policy)
    {
        if (feature.Properties is null)
        {
            return Fail(RejectionRules.PropertyInvalid, feature, "properties is null; send an object (an empty one when the layer needs none).");
        }

        if (UncheckableValue(layer, feature.Properties) is { } uncheckable)
        {
            return Fail(RejectionRules.PropertyInvalid, feature, uncheckable);
        }

        if (feature.Geometry is not { } json || json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return Fail(RejectionRules.GeometryMissing, feature, "an upsert needs a GeoJSON geometry.");
        }

        Geometry geometry;
        try
        {
            geometry = GeoJson.ReadGeometry(json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            // The reader's message names .NET types and byte offsets; the department is told what is wrong in GeoJSON's
            // words, worked out only here, off the path every readable geometry takes.
            return Fail(RejectionRules.GeometryUnreadable, feature,
                GeoJsonShape.Problem(json) ?? $"geometry {GeoJsonType(json)} is not readable GeoJSON (RFC 7946).");
        }

        var allowed = LayerCatalog.AllowsPoints(layer) ? "Polygon, MultiPolygon or Point" : "Polygon or MultiPolygon";
        if (geometry is not (Polygon or MultiPolygon) && !(geometry is Point && LayerCatalog.AllowsPoints(layer)))
        {
            return Fail(RejectionRules.GeometryType, feature, $"geometry is a {geometry.GeometryType}; layer '{layer}' takes {allowed}.");
        }

        if (geometry.IsEmpty)
        {
            return Fail(RejectionRules.GeometryMissing, feature, "geometry is empty.");
        }

        if (geometry.NumPoints > policy.MaxVerticesPerFeature)
        {
            return Fail(RejectionRules.GeometryTooLarge, feature,
                $"geometry has {geometry.NumPoints} vertices; the limit is {policy.MaxVerticesPerFeature}. Split the feature or simplify it at the source.");
        }

        var envelope = geometry.EnvelopeInternal;
        if (!double.IsFinite(envelope.Area) || !ChinaExtent.Contains(envelope))
        {
            return Fail(RejectionRules.GeometryOutOfBounds, feature,
                $"geometry extent {Describe(envelope)} lies outside China (lon 73–136, lat 3–54); are the coordinates projected or swapped?");
        }

        Repair? repair = null;
        if (InvalidReason(geometry) is { } invalid)
        {
            var (fixedGeometry, change) = GeometryRepair.Fix(geometry);
            if (fixedGeometry is null || change > policy.RepairAreaTolerance)
            {
                return Fail(RejectionRules.GeometryInvalid, feature, fixedGeometry is null
                    ? $"geometry is not valid ({invalid}) and cannot be repaired to an area."
                    : $"geometry is not valid ({invalid}); repairing it would change its area by {change:P3}, more than the {policy.RepairAreaTolerance:P3} allowed.");
            }

            geometry = fixedGeometry;
            repair = new Repair(feature.Id, invalid, change);
        }

        // Snapping to the precision grid can itself make a sliver collapse or touch: check again after it.
        Geometry snapped;
        try
        {
            snapped = GeometryPrecisionReducer.Reduce(geometry, GeoContext.Factory.PrecisionModel);
        }
        catch (ArgumentException)
        {
            return Fail(RejectionRules.GeometryInvalid, feature, $"geometry collapses on the {1 / GeoContext.PrecisionScale}° precision grid.");
        }

        if (InvalidReason(snapped) is { } snappedInvalid)
        {
            return Fail(RejectionRules.GeometryInvalid, feature, $"geometry is not valid on the {1 / GeoContext.PrecisionScale}° precision grid: {snappedInvalid}.");
        }

        if (layer == Layers.AdminDivision && CountyProblem(feature) is { } county)
        {
            return Fail(RejectionRules.PropertyInvalid, feature, county);
        }

        snapped.SRID = GeoContext.Srid;
        // sourceVersion is optional, and null in plain JSON is the same as leaving it out.
        return (new SourceFeature(layer, feature.Id, feature.SourceVersion ?? "", feature.Properties, snapped), null, repair);
    }

    static string? UncheckableValue(string layer, IReadOnlyDictionary<string, JsonElement> properties) =>
        LayerCatalog.CheckedProperties(layer)
            .Where(rule => properties.TryGetValue(rule.Property, out var value) && value.ValueKind != JsonValueKind.Null
                           && !(value.ValueKind == JsonValueKind.String && rule.Accepts(value.GetString()!)))
            .Select(rule => $"property '{rule.Property}' is {Shown(properties[rule.Property])}; layer '{layer}' takes {rule.Takes}.")
            .FirstOrDefault();

    static string Shown(JsonElement value) => value.ValueKind == JsonValueKind.String ? QuotedInput.Of(value.GetString()) : value.GetRawText();

    static string GeoJsonType(JsonElement geometry) =>
        geometry.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? QuotedInput.Of(type.GetString()) : "";

    static string? InvalidReason(Geometry geometry)
    {
        var validity = new IsValidOp(geometry);
        return validity.IsValid ? null : $"{validity.ValidationError.Message} at ({validity.ValidationError.Coordinate.X}, {validity.ValidationError.Coordinate.Y})";
    }

    // The county is property 'county' when it is a string, else the feature's id (contracts/README.md §4).
    static string? CountyProblem(FeatureChange feature) =>
        feature.Properties.TryGetValue("county", out var county) && county.ValueKind == JsonValueKind.String
            ? AreaCodes.IsCounty(county.GetString()!) ? null
                : $"property 'county' is {QuotedInput.Of(county.GetString())}; an admin-division feature takes a six-digit GB/T 2260 county code."
            : AreaCodes.IsCounty(feature.Id) ? null
            : $"it has no property 'county' as a string, and its id is no six-digit GB/T 2260 county code either; an admin-division feature takes one of the two.";

    static string Describe(Envelope e) => $"[{e.MinX}, {e.MinY}, {e.MaxX}, {e.MaxY}]";

    static (SourceFeature?, Rejection?, Repair?) Fail(string rule, FeatureChange feature, string message) =>
        (null, Reject(rule, feature.Id, $"Feature '{feature.Id}': {message}"), null);
}
