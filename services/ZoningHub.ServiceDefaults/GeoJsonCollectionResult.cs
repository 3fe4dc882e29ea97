using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// A GeoJSON FeatureCollection written to the response as its items are read, one at a time: a national listing is
/// hundreds of megabytes, which building the whole answer first held in memory several times over per request.
/// Nothing reaches the client until a first <see cref="ChunkBytes"/> is written, so a listing that fails early is
/// still answered with a problem document; one that fails later can only be cut off, which a client cannot mistake
/// for a whole listing.
/// </summary>
/// <param name="feature">Writes one item as a GeoJSON Feature.</param>
/// <param name="page">With a limit, the collection ends with <c>numberReturned</c> and <c>links</c> (see <see cref="UnitPage"/>).</param>
public sealed class GeoJsonCollectionResult<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> feature, Func<T, string> code, UnitPage page) : IResult
{
    const int ChunkBytes = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellation = httpContext.RequestAborted;
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes * 2);
        await using var json = new Utf8JsonWriter(buffer);
        httpContext.Response.ContentType = "application/geo+json";
        async Task Send()
        {
            json.Flush();
            await httpContext.Response.Body.WriteAsync(buffer.WrittenMemory, cancellation);
            buffer.ResetWrittenCount();
        }

        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        var (returned, last, more) = (0, (string?)null, false);
        foreach (var item in items)
        {
            if (returned == page.Limit)
            {
                more = true;
                break;
            }

            feature(json, item);
            (returned, last) = (returned + 1, code(item));
            if (json.BytesPending + buffer.WrittenCount >= ChunkBytes)
            {
                await Send();
            }
        }

        json.WriteEndArray();
        if (page.Limit is not null)
        {
            json.WriteNumber("numberReturned", returned);
            json.WriteStartArray("links");
            if (more)
            {
                json.WriteStartObject();
                json.WriteString("rel", "next");
                json.WriteString("type", "application/geo+json");
                json.WriteString("href", UnitPage.Next(httpContext.Request, last!));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        await Send();
    }
}
