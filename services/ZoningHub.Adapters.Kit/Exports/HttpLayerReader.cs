using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Reads every page of one layer from a department's HTTP service, following <c>next</c> links, into one GeoJSON
/// feature collection. What has no end is refused with <see cref="ExportFormatException"/>: a link back to a page
/// already read, more pages than <see cref="HttpSourceOptions.MaxPages"/>, more bytes than the source's limits. Pages
/// are measured as they stream in, so a huge answer is refused before it fills memory.
/// </summary>
/// <param name="idField">The layer's id field, read from each feature so that the pages can be checked against each other (<see cref="PagingConsistency"/>).</param>
sealed class HttpLayerReader(HttpSourceOptions source, string idField, HttpClient http)
{
    /// <summary>The HTTP status of the last answer, for the source's status (<c>/api/adapters</c>); null before any answer.</summary>
    public int? LastStatus { get; private set; }

    public async Task<(byte[] Export, IReadOnlyList<PageRead> Pages)> ReadAsync(CancellationToken cancellationToken)
    {
        var export = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(export);
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        byte[]? crs = null;
        SourceCrs? firstCrs = null;
        var read = new HashSet<string>(StringComparer.Ordinal);
        var pages = new List<PageRead>();
        long bytes = 0;
        LastStatus = null;
        for (var next = source.Address; next is not null;)
        {
            if (!read.Add(next.AbsoluteUri))
            {
                throw new ExportFormatException($"page {read.Count} links to {next} as the next page, a page already read: the service's next links go round in a loop, so the layer never ends.");
            }

            if (read.Count > source.MaxPages)
            {
                throw new ExportFormatException($"more than {source.MaxPages} pages from {source.Address}; raise MaxPages if the layer is really that large.");
            }

            var content = await GetAsync(next, source.MaxExportBytes - bytes, cancellationToken);
            bytes += content.Length;
            using var page = PageParser.Parse(content, next);
            var root = page.RootElement;
            if (root.TryGetProperty("crs", out var pageCrs))
            {
                // The export is read in one coordinate system, the first page's: a later page naming another would be read in it.
                var named = SourceCrs.FromGeoJson(pageCrs);
                if (firstCrs is not null && named != firstCrs)
                {
                    throw new ExportFormatException($"page {read.Count} ({next}) names the coordinate system {named}, where the first page named {firstCrs}: "
                        + "the layer's pages must share one, or its features would be read in the wrong one.");
                }

                (crs, firstCrs) = (crs ?? JsonMarshal.GetRawUtf8Value(pageCrs).ToArray(), firstCrs ?? named);
            }
            var features = root.GetProperty("features");
            foreach (var feature in features.EnumerateArray())
            {
                // As the service wrote it: not re-encoded, so the export is no larger than its pages.
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(feature), skipInputValidation: true);
            }

            pages.Add(new PageRead(PageParser.NumberMatched(root), features.GetArrayLength(), PageParser.Ids(features, idField)));

            next = PageParser.NextLink(root, next) is { } link ? HttpSourceOptions.WithoutUserInfo(link) : null;
        }

        writer.WriteEndArray();
        if (crs is not null)
        {
            writer.WritePropertyName("crs");
            writer.WriteRawValue(crs, skipInputValidation: true);
        }

        writer.WriteEndObject();
        writer.Flush();
        return (export.WrittenSpan.ToArray(), pages);
    }

    /// <param name="exportBytesLeft">What is left of <see cref="HttpSourceOptions.MaxExportBytes"/> after the pages read so far.</param>
    async Task<byte[]> GetAsync(Uri page, long exportBytesLeft, CancellationToken cancellationToken)
    {
        // Headers first, the body as it streams: the client's timeout covers the headers only, so it is set again for the body.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(http.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        if (Uri.Compare(page, source.Address, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            source.Credentials.Apply(request.Headers);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        LastStatus = (int)response.StatusCode;
        response.EnsureSuccessStatusCode();
        var limit = Math.Min(source.MaxResponseBytes, exportBytesLeft);
        if (response.Content.Headers.ContentLength > limit)
        {
            throw TooLarge(page, exportBytesLeft);
        }

        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var content = new MemoryStream();
        var buffer = new byte[81_920];
        for (int count; (count = await body.ReadAsync(buffer, timeout.Token)) > 0;)
        {
            if (content.Length + count > limit)
            {
                throw TooLarge(page, exportBytesLeft);
            }

            content.Write(buffer, 0, count);
        }

        return content.ToArray();
    }

    ExportFormatException TooLarge(Uri page, long exportBytesLeft) => exportBytesLeft < source.MaxResponseBytes
        ? new($"the pages from {source.Address} pass MaxExportBytes ({source.MaxExportBytes} bytes) at {page}; raise MaxExportBytes if the layer is really that large.")
        : new($"page {page} is larger than MaxResponseBytes ({source.MaxResponseBytes} bytes); ask the service for smaller pages (e.g. a lower limit= in the Url) or raise MaxResponseBytes.");
}
