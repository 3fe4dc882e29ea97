using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Polls a department's HTTP service for one layer, following <c>next</c> links page by page. Only when every
/// page has arrived are they taken as one export, so an interrupted read publishes nothing. A server that is
/// down or a page that is not a feature collection is logged and tried again at the next poll; a complete
/// export that the reader refuses is kept in the layer's <c>.failed/</c> folder with its reason.
/// </summary>
public sealed class HttpExportSource(DepartmentAdapter adapter, HttpSourceOptions source, HttpClient http, ILogger<HttpExportSource> logger)
    : BackgroundService
{
    readonly HttpLayerReader _reader = new(source, adapter.Options.Layers[source.Layer].IdField, http);

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
                logger.LogError(e, "HTTP source {Url} for {Layer} could not be taken; trying again in {Interval}", source.Url, source.Layer, source.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One poll: read all pages, then take them as one export.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        byte[] export;
        try
        {
            export = await ReadConsistentAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("HTTP source {Url} for {Layer} is not answering ({Reason}); trying again in {Interval}", source.Url, source.Layer, e.Message, source.PollInterval);
            return;
        }
        catch (ExportFormatException e)
        {
            logger.LogError("HTTP source {Url} for {Layer} served a malformed export, nothing published: {Reason}", source.Url, source.Layer, e.Message);
            // Listed with the refused exports (/api/adapters), not only logged. The same failure at the next poll
            // replaces its entry rather than adding one per poll.
            var failure = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{source.Url}\n{e.Message}")));
            adapter.Store.RecordFailedExport(failure, source.Url!.ToString(), e.Message);
            return;
        }

        var outcome = adapter.TakeExport(source.Layer, source.Url!.ToString(), "http-export.geojson", export);
        if (outcome.RefusedBecause is { } reason)
        {
            logger.LogError("Export from {Url} of {Layer} refused, nothing published: {Reason}", source.Url, source.Layer, reason);
            KeepRefused(export, reason);
        }
        else if (!outcome.AlreadyProcessed)
        {
            logger.LogInformation("Export from {Url} of {Layer}: {Features} features, {ChangeSets} change sets queued",
                source.Url, source.Layer, outcome.Features, outcome.ChangeSets);
        }
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

            logger.LogWarning("HTTP source {Url} for {Layer}: pages did not agree ({Reason}); reading the layer again", source.Url, source.Layer, disagreement);
        }
    }

    void KeepRefused(byte[] export, string reason)
    {
        var folder = Directory.CreateDirectory(Path.Combine(adapter.Options.InboxDirectory, source.Layer, ".failed")).FullName;
        var path = Path.Combine(folder, $"http-{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmss'Z'}.geojson");
        File.WriteAllBytes(path, export);
        File.WriteAllText(path + ".reason.txt", $"{source.Url}: {reason}{Environment.NewLine}");
    }
}
