using System.Runtime.InteropServices;
using ZoningHub.Contracts;

namespace ZoningHub.Adapters.Kit;

/// <summary>
/// Cuts an export's changes into change sets bounded in features and in bytes of geometry: five hundred detailed
/// county boundaries can be hundreds of megabytes, past what the broker takes in one message (RabbitMQ's 128 MiB by
/// default), and a message the broker refuses would hold up every later change set of the stream. A feature larger
/// than the bound goes alone.
/// </summary>
static class ChangeSetParts
{
    public static IEnumerable<IReadOnlyList<FeatureChange>> Split(IEnumerable<FeatureChange> changes, int maxFeatures, long maxGeometryBytes)
    {
        var (part, bytes) = (new List<FeatureChange>(), 0L);
        foreach (var change in changes)
        {
            // The geometry as the JSON it is sent as (its UTF-8, measured where it lies); the rest of a feature is small beside it.
            var size = change.Geometry is { } geometry ? JsonMarshal.GetRawUtf8Value(geometry).Length : 0L;
            if (part.Count > 0 && (part.Count == maxFeatures || bytes + size > maxGeometryBytes))
            {
                yield return part;
                (part, bytes) = ([], 0);
            }

            part.Add(change);
            bytes += size;
        }

        if (part.Count > 0)
        {
            yield return part;
        }
    }
}
