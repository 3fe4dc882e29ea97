using System.Buffers;
using System.Net;
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
    /// <summary>Redirects followed for one page, as many as the client's own default would.</summary>
    const int MaxRedirects = 5;

    /// <summary>The HTTP status of the last answer, for the source's status (<c>/api/adapters</c>); null before any answer.</summary>
    public int? LastStatus { get; private set; }

    public async Task<(byte[] Export, IReadOnlyList<PageRead> Pages)> ReadAsync(CancellationToken cancellationToken)
    {
        var export = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(export);
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        // The first page's crs member as it was written, and the system the whole export is read in: the one the first
        // page names, or CGCS2000 longitude/latitude when it names none, as for a file (GeoJsonExportReader).
        byte[]? crs = null;
        var exportCrs = SourceCrs.Geographic;
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

            // Where the page was read, after any redirect: its relative next link is relative to there.
            var (content, at) = await GetAsync(next, source.MaxExportBytes - bytes, later: read.Count > 1, cancellationToken);
            bytes += content.Length;
            using var page = PageParser.Parse(content, at);
            var root = page.RootElement;
            if (root.TryGetProperty("crs", out var pageCrs))
            {
                var named = SourceCrs.FromGeoJson(pageCrs);
                if (read.Count == 1)
                {
                    (crs, exportCrs) = (JsonMarshal.GetRawUtf8Value(pageCrs).ToArray(), named);
                }
                else if (named != exportCrs)
                {
                    // A later page naming another system would be read in the first page's. One naming none says nothing,
                    // and is read in it: services that name the system on the first page only are common.
                    var first = crs is null ? $"none, which reads as {exportCrs}" : $"{exportCrs}";
                    throw new ExportFormatException($"page {read.Count} ({at}) names the coordinate system {named}, where the first page named {first}: "
                        + "the layer's pages must share one, or its features would be read in the wrong one.");
                }
            }
            var features = root.GetProperty("features");
            foreach (var feature in features.EnumerateArray())
            {
                // As the service wrote it: not re-encoded, so the export is no larger than its pages.
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(feature), skipInputValidation: true);
            }

            pages.Add(new PageRead(PageParser.NumberMatched(root), features.GetArrayLength(), PageParser.Ids(features, idField)));

            next = PageParser.NextLink(root, at) is { } link ? HttpSourceOptions.WithoutUserInfo(link) : null;
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
    /// <returns>The page, and where it was read: <paramref name="page"/>, or where its redirects ended.</returns>
    /// <param name="later">A page after the first, reached by a next link the service gave.</param>
    async Task<(byte[] Content, Uri Read)> GetAsync(Uri page, long exportBytesLeft, bool later, CancellationToken cancellationToken)
    {
        // Headers first, the body as it streams: the client's timeout covers the headers only, so it is set again for the body.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(http.Timeout);
        using var response = await SendAsync(page, timeout.Token);
        if (later && response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            // The service's own link, not the Url set: a paging cursor that expired, or a layer changed while it was paged.
            // Without a status, so the poll is not taken for a wrong Url or credentials, which only an operator can mend.
            throw new HttpRequestException($"the next link {page} answered {(int)response.StatusCode} {response.StatusCode}: the service's paging link "
                + "expired or the layer changed while it was paged; the next poll reads it again from the first page.");
        }

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

        return (content.ToArray(), response.RequestMessage!.RequestUri!);
    }

    /// <summary>
    /// The answer for <paramref name="page"/>, its request's Uri where it was read: its redirects are followed here, not
    /// by the client (whose handler leaves them, <see cref="HttpExportSource.Handler"/>), which would take a header of the
    /// service's own, an API key, on to any host, and drop Authorization even on the source's own. Each hop is sent the
    /// credentials only when it is on the source's own scheme, host and port.
    /// </summary>
    async Task<HttpResponseMessage> SendAsync(Uri page, CancellationToken cancellationToken)
    {
        for (var (url, hops) = (page, 0); ; hops++)
        {
            // Every hop is a GET, as a 303 asks; a GET has no content for the request to dispose of.
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (Uri.Compare(url, source.Address, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0)
            {
                source.Credentials.Apply(request.Headers);
            }

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            LastStatus = (int)response.StatusCode;
            if (response.RequestMessage?.RequestUri != url)
            {
                // Too late for this hop, but said rather than repeated at every poll: such a client takes a credential header to any host.
                response.Dispose();
                throw new InvalidOperationException($"the source's HttpClient followed a redirect from {url} by itself; build it on "
                    + $"{nameof(HttpExportSource)}.{nameof(HttpExportSource.Handler)}(), which leaves redirects to the reader.");
            }

            if (response.StatusCode is not (HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
                    or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect)
                || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            var target = HttpSourceOptions.WithoutUserInfo(new Uri(url, location));
            if (hops == MaxRedirects)
            {
                throw new HttpRequestException($"{page} is redirected more than {MaxRedirects} times, the last from {url} to {target}: "
                    + "the service's redirects go round or are too long; set the source's Url to where the layer is now.", null, response.StatusCode);
            }

            // As the client would: nothing but HTTP, and no step down from HTTPS, where the pages could be read or altered on the way.
            if (target.Scheme != Uri.UriSchemeHttps && (target.Scheme != Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                throw new HttpRequestException($"{url} is redirected to {target}; the adapter follows a redirect to HTTPS, or from HTTP to HTTP, only: "
                    + "set the source's Url to where the layer is now, if the department means to serve it there.", null, response.StatusCode);
            }

            url = target;
        }
    }

    ExportFormatException TooLarge(Uri page, long exportBytesLeft) => exportBytesLeft < source.MaxResponseBytes
        ? new($"the pages from {source.Address} pass MaxExportBytes ({source.MaxExportBytes} bytes) at {page}; raise MaxExportBytes if the layer is really that large.")
        : new($"page {page} is larger than MaxResponseBytes ({source.MaxResponseBytes} bytes); ask the service for smaller pages (e.g. a lower limit= in the Url) or raise MaxResponseBytes.");
}
