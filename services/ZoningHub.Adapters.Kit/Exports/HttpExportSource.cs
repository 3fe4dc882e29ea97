using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZoningHub.Adapters.Kit.Outbox;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Polls a department's HTTP service for one layer, following <c>next</c> links page by page. Only when every
/// page has arrived, and the pages agree with each other, are they taken as one export, so an interrupted or
/// inconsistent read publishes nothing. A server that is down is logged and tried again at the next poll; a
/// 401, 403 or 404 is a configuration error; an answer refused (malformed, too large, pages that never agree) is
/// listed with the refused exports, and a complete export the reader refuses is kept in the layer's
/// <c>.failed/</c> folder with its reason. How each poll ended is kept for <c>/api/adapters</c>.
/// </summary>
/// <param name="http">A client built on <see cref="Handler"/>: a client that follows redirects itself sends an API key on to any host.</param>
public sealed class HttpExportSource(DepartmentAdapter adapter, HttpSourceOptions source, HttpClient http, ILogger<HttpExportSource> logger)
    : BackgroundService
{
    /// <summary>
    /// The primary handler of a source's <see cref="HttpClient"/>: one that does not follow redirects, which the reader
    /// follows itself so that the source's credentials go to its own scheme, host and port only.
    /// </summary>
    public static HttpMessageHandler Handler() => new SocketsHttpHandler { AllowAutoRedirect = false };

    readonly HttpLayerReader _reader = new(source, adapter.Options.Layers[source.Layer].IdField, http);

    /// <summary>Where the layer is read from, as it is logged and recorded: never with credentials.</summary>
    readonly string _address = source.Address!.ToString();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(source.PollInterval);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The adapter's own failure (its store, the folder for refused exports): tried again at the next poll
                // rather than stopping the host, and with it every adapter and, in the embedded run, the hub.
                logger.LogError(e, "HTTP source {Url} for {Layer} could not be taken; trying again in {Interval}", _address, source.Layer, source.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One poll: read all pages, then take them as one export.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is not { } export)
        {
            return;
        }

        var outcome = adapter.TakeExport(source.Layer, _address, "http-export.geojson", export);
        if (outcome.RefusedBecause is { } reason)
        {
            logger.Log(KeepRefused(export, outcome.Hash!, reason) ? LogLevel.Error : LogLevel.Debug,
                "Export from {Url} of {Layer} refused, nothing published: {Reason}", _address, source.Layer, reason);
            Record(PollOutcomes.Refused, reason);
            return;
        }

        Record(outcome.AlreadyProcessed ? PollOutcomes.Unchanged : PollOutcomes.Taken, null);
        if (outcome.GoesBackTo is { } earlier)
        {
            // A restore, or a service answering from a stale replica or backup: the adapter cannot tell which.
            logger.LogWarning("Export from {Url} of {Layer} is the same as the one taken at {TakenAt}: the layer goes back to it, {ChangeSets} change sets "
                + "queued undo every change since", _address, source.Layer, earlier.TakenAt, outcome.ChangeSets);
        }
        else if (!outcome.AlreadyProcessed)
        {
            logger.LogInformation("Export from {Url} of {Layer}: {Features} features, {ChangeSets} change sets queued",
                _address, source.Layer, outcome.Features, outcome.ChangeSets);
        }
    }

    /// <summary>The layer as one export, or null when this poll cannot have it (recorded and logged here).</summary>
    async Task<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReadConsistentAsync(cancellationToken);
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            // Polling again will not mend a wrong Url or credentials: an error for the operator, not a service that is down.
            var reason = $"answered {(int)e.StatusCode} {e.StatusCode}: {Misconfiguration(e.StatusCode.Value)}";
            logger.LogError("HTTP source {Url} for {Layer} is misconfigured, nothing read: {Reason}", _address, source.Layer, reason);
            Record(PollOutcomes.Misconfigured, reason);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("HTTP source {Url} for {Layer} is not answering ({Reason}); trying again in {Interval}", _address, source.Layer, e.Message, source.PollInterval);
            Record(PollOutcomes.Unreachable, e.Message);
        }
        catch (ExportFormatException e)
        {
            logger.LogError("HTTP source {Url} for {Layer} served a malformed export, nothing published: {Reason}", _address, source.Layer, e.Message);
            // Listed with the refused exports (/api/adapters), not only logged. The same failure at the next poll
            // replaces its entry rather than adding one per poll.
            var failure = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{_address}\n{e.Message}")));
            adapter.Store.RecordFailedExport(failure, _address, e.Message);
            Record(PollOutcomes.Refused, e.Message);
        }

        return null;
    }

    /// <summary>
    /// The layer as one state: read again while its pages do not agree, and refused after <see cref="HttpSourceOptions.ReadAttempts"/>
    /// reads, since deletes taken from such a read would remove features that still live.
    /// </summary>
    async Task<byte[]> ReadConsistentAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (export, pages) = await _reader.ReadAsync(cancellationToken);
            if (PagingConsistency.Disagreement(pages) is not { } disagreement)
            {
                return export;
            }

            if (attempt >= source.ReadAttempts)
            {
                throw new ExportFormatException($"its pages did not agree in {attempt} reads ({disagreement}), so they are not one state of the layer. "
                    + "The layer is being edited while it is paged, or the service's paging is not stable (README, HTTP sources); the next poll reads it again.");
            }

            logger.LogWarning("HTTP source {Url} for {Layer}: pages did not agree ({Reason}); reading the layer again", _address, source.Layer, disagreement);
        }
    }

    string Misconfiguration(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => $"the service wants credentials, or refused the ones set ({source.Credentials.Kind}); set the source's Credentials.",
        HttpStatusCode.Forbidden => $"the credentials set ({source.Credentials.Kind}) may not read this layer; ask the department for access.",
        _ => "the service has nothing at this Url; correct the source's Url.",
    };

    void Record(string outcome, string? error) => adapter.Store.RecordPoll(_address, outcome, _reader.LastStatus, error);

    /// <summary>
    /// Keeps a refused export in the layer's <c>.failed/</c> folder beside its reason, once for its content: a refused
    /// answer is judged again at every poll (so the operator's fix takes it), and a copy a poll would fill the disk.
    /// </summary>
    /// <returns>Whether it was new there; the same answer refused again is not worth an error of its own.</returns>
    bool KeepRefused(byte[] export, string hash, string reason)
    {
        var folder = Directory.CreateDirectory(Path.Combine(adapter.Options.InboxDirectory, source.Layer, ".failed")).FullName;
        var content = hash[..16];
        var path = Directory.EnumerateFiles(folder, $"http-*-{content}.geojson").FirstOrDefault();
        var isNew = path is null;
        if (path is null)
        {
            path = Path.Combine(folder, $"http-{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{content}.geojson");
            AtomicFile.WriteAllBytes(path, export);
        }

        // The reason as judged now: a changed mapping may refuse the same content for another reason.
        var reasonFile = path + ".reason.txt";
        var text = $"{_address}: {reason}{Environment.NewLine}";
        if (!File.Exists(reasonFile) || File.ReadAllText(reasonFile) != text)
        {
            // Written only when it changes: the same answer refused again at every poll leaves the file as it is.
            AtomicFile.WriteAllText(reasonFile, text);
            isNew = true;
        }

        return isNew;
    }
}
