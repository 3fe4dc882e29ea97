using Grpc.Core;
using Grpc.Net.Client;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Push;

/// <summary>
/// Brings one node to the head of the log and keeps it there (DESIGN §5, nodes converge): a snapshot when
/// the log cannot, then the log in scope from the node's acknowledged revision, then a digest comparison.
/// Every call has a deadline; an unreachable node is retried with backoff and jitter. The pusher keeps no
/// state of its own that matters: it asks the node where it stands each round, so a hub restarted in the
/// middle of a batch or a snapshot simply resumes.
/// </summary>
public sealed class NodePusher(NodePusherContext context, NodeRegistration node)
{
    readonly HubOptions _options = context.Options;
    readonly PushBatches _batches = new(context.Log, context.Options.PushBatchBytes);
    readonly PushLimits _limits = new(context.Options);

    // When the digest was last checked, as a monotonic timestamp: a wall clock set back (by hand, or NTP stepping it)
    // made "now" earlier than the last check, and stopped the checks until the clock had caught up again.
    long? _verifiedAt;

    // What was last written for the node, so an idle round (every 2 s per node) does not take the hub's single
    // write lock to write it again.
    (long Acknowledged, string State)? _recorded;

    // Why a snapshot over another hub log waits, as last written (WouldEmpty).
    string? _waiting;

    // Whether the node's position was checked against this log since the hub started (SyncAsync).
    bool _resumeChecked;

    // Whether the node answered this round's first call: a node that answers is not offline, however its pushes fail.
    bool _answered;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // Made in the loop: a channel that cannot be made (an address no resolver takes) is a failure shown on the node and
        // retried, where before the pusher ended for good before its first round, with nothing shown.
        GrpcChannel? channel = null;
        var wake = context.Signal.For(node.Id);
        var (failures, unanswered) = (0, 0);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    channel ??= PushChannel.For(node.Address!, _options);
                    await SyncAsync(new UnitPush.UnitPushClient(channel), stoppingToken);
                    (failures, unanswered) = (0, 0);
                    await wake.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stoppingToken.IsCancellationRequested)
                {
                    // The hub is stopping in the middle of a call; the node keeps what it took, and the next start resumes.
                    return;
                }
                catch (RpcException e) when (!stoppingToken.IsCancellationRequested)
                {
                    failures++;
                    unanswered = _answered ? 0 : unanswered + 1;
                    var state = NodeStates.AfterFailure(e.StatusCode, unanswered);
                    var detail = Detail(e);
                    RecordFailure(state, $"{e.StatusCode}: {detail}");
                    // The reason is the node's rich status (GrpcProblems), e.g. REVISION_GAP; none when the call never reached it.
                    context.Logger.LogWarning("Push to node {NodeId} failed ({StatusCode}, {Reason}: {Detail}); state {State}, attempt {Attempt}",
                        node.Id, e.StatusCode, GrpcProblems.ReasonOf(e) ?? "no reason given", detail, state, failures);
                    if (e.StatusCode == StatusCode.Unavailable)
                    {
                        // Tried next over a new channel. The channel waits out its own reconnect backoff (growing to 120 s)
                        // after failing to connect, and fails every call meanwhile without trying: a node back after a
                        // long outage stayed unreached for up to two minutes whatever the pusher's backoff or an operator asked.
                        channel?.Dispose();
                        channel = null;
                    }

                    await BackOffAsync(failures, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    // The hub's own failure, such as its store failing a read: shown on the node it holds up, and retried
                    // like a node that is away. Left to go up, it would stop every node's pusher and the hub with them.
                    failures++;
                    RecordFailure(NodeStates.Retrying, $"the hub's own failure: {e.Message}");
                    context.Logger.LogError(e, "Push to node {NodeId} failed in the hub; attempt {Attempt}", node.Id, failures);
                    await BackOffAsync(failures, stoppingToken);
                }
            }
        }
        finally
        {
            channel?.Dispose();
        }
    }

    async Task SyncAsync(UnitPush.UnitPushClient client, CancellationToken cancellationToken)
    {
        _answered = false;
        var state = await NodePolls.UntracedAsync(() => client.GetNodeStateAsync(new GetNodeStateRequest(), Headers(), Deadline(), cancellationToken).ResponseAsync);
        _answered = true;
        if (state.Scope != node.Scope)
        {
            // The hub only ever pushes a node the scope it is registered for; a node that says otherwise is misconfigured.
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"node {state.NodeId} reports scope '{state.Scope}' but is registered as '{node.Scope}'; nothing is pushed until they agree"));
        }

        var (logId, floor) = context.Log.Identity();
        RecordPosition(state, logId);
        var acknowledged = state.AcknowledgedRevision;
        var plan = PlanSnapshot(state, logId, floor);
        if (plan is null && !_resumeChecked && acknowledged > 0 && state.Snapshot is null)
        {
            // The first round since the hub started checks, before resuming the log, that the node's revision means what
            // it means in this log: a store put back from a backup (or that lost its write-ahead log) keeps its log id and
            // writes the revisions after the backup again with other content. Resumed after them, a node that took the lost
            // ones would keep them and never get the new. A digest that differs asks for a resync, planned again here.
            // Tried once: a node whose digest cannot be had (slower than the deadline) still gets the log, and the
            // scheduled checks go on. Nor is it the round's check: that one is at the head the round brings the node to.
            _resumeChecked = true;
            await VerifyAsync(client, logId, cancellationToken);
            plan = PlanSnapshot(state, logId, floor);
        }

        if (plan is { } snapshot)
        {
            if (WouldEmpty(state, logId, snapshot) is { } why)
            {
                // Asked again every round while the hub rebuilds: written to the store only when the reason changes.
                if (why != _waiting)
                {
                    RecordFailure(NodeStates.Retrying, why);
                    _waiting = why;
                }

                return;
            }

            acknowledged = await SendSnapshotAsync(client, logId, snapshot, cancellationToken);
            // A node just rebuilt shows unverified (its last check was of what it held before) until a check: this round's,
            // at the head, rather than the next scheduled one, up to Hub:DigestInterval later.
            _verifiedAt = null;
        }

        while (await PushBatchAsync(client, acknowledged, logId, cancellationToken) is { } next)
        {
            acknowledged = next;
        }

        var asked = context.Requests.TakeVerification(node.Id);
        if (asked || _verifiedAt is not { } at || context.Clock.GetElapsedTime(at) >= _options.DigestInterval)
        {
            try
            {
                await VerifyAsync(client, logId, cancellationToken);
            }
            catch when (asked)
            {
                // An operator's check the node could not answer (away, or slower than the deadline) is made at the next
                // round that reaches it, not lost with the failure until the next scheduled check.
                context.Requests.VerificationUnanswered(node.Id);
                throw;
            }

            _verifiedAt = context.Clock.GetTimestamp();
        }
    }

    /// <summary>
    /// Where the node says it stands is where it stands, whatever the hub last recorded. A snapshot it completed whose
    /// answer was lost (a deadline, a dropped link, a hub restart) is filed as that snapshot: filed later as a log push, it
    /// counted every version of each unit. A node that holds less than recorded (its store lost, another hub's log) is
    /// shown with its real lag while it is brought up, not as it stood before.
    /// </summary>
    void RecordPosition(NodeState state, string logId)
    {
        var holds = state.LogId == logId ? state.AcknowledgedRevision : 0;
        // Read, not written, on the rounds where nothing is off: every node's pusher asks every round.
        var (recorded, snapshotAsOf) = context.Nodes.Recorded(node.Id);
        if (state.Snapshot is null && holds > 0 && snapshotAsOf is { } asOf && holds >= asOf)
        {
            context.Logger.LogInformation("Node {NodeId} completed its snapshot as of revision {Revision}; its answer was lost", node.Id, asOf);
            RecordAck(asOf, NodeStates.CatchingUp, bySnapshot: true);
        }
        else if (holds < recorded)
        {
            context.Nodes.LowerTo(node.Id, holds);
            _recorded = null;
        }
    }

    SnapshotPlan? PlanSnapshot(NodeState state, string logId, long floor) =>
        SnapshotPlan.For(state, logId, floor, context.Log.HeadRevision(), context.Requests.PendingResync(node.Id));

    string? WouldEmpty(NodeState state, string logId, SnapshotPlan plan) => plan.WouldEmpty(state, logId, () => context.Log.ActiveCount(node.Scope));

    /// <summary>Sends the node's whole scope in code order, from where the node stopped taking if the plan resumes.</summary>
    /// <returns>The revision the node acknowledged on completion.</returns>
    async Task<long> SendSnapshotAsync(UnitPush.UnitPushClient client, string logId, SnapshotPlan plan, CancellationToken cancellationToken)
    {
        // The head is read before the units are, so they hold it or later; the log resumes after it, so nothing falls between.
        var asOf = context.Log.HeadRevision();
        // Asked for while the node begins the snapshot. A new snapshot starts at the first code; a resumed one where the node stopped.
        var units = context.Snapshots.UnitsAsync(asOf, SnapshotRange.Of(node.Scope, plan.Resume?.LastCode ?? ""), cancellationToken);
        var progress = plan.Resume ?? await client.BeginSnapshotAsync(new BeginSnapshotRequest
        {
            HubId = _options.HubId, LogId = logId, SnapshotId = Guid.NewGuid().ToString("N"), AsOfRevision = asOf, Scope = node.Scope,
        }, Headers(), Deadline(), cancellationToken);
        // Begun: from here the node keeps the snapshot's progress, so an operator's request is as good as done.
        context.Nodes.SnapshotBegun(node.Id, progress.AsOfRevision, plan.Reason, NodeStates.CatchingUp, SnapshotDetail(progress, progress.UnitsReceived, plan.Reason));
        StateWritten();
        context.Logger.LogInformation("Snapshot {SnapshotId} to node {NodeId} as of revision {Revision} ({Reason}), from '{After}'",
            progress.SnapshotId, node.Id, progress.AsOfRevision, plan.Reason, progress.LastCode);

        progress = await StreamChunksAsync(client, progress, plan.Reason, _batches.SnapshotChunksAsync(units), cancellationToken);

        var reply = await client.CompleteSnapshotAsync(new CompleteSnapshotRequest { SnapshotId = progress.SnapshotId, LastCode = progress.LastCode },
            Headers(), Deadline(), cancellationToken);
        RecordAck(reply.AcknowledgedRevision, NodeStates.CatchingUp, bySnapshot: true);
        context.Logger.LogInformation("Node {NodeId} took snapshot {SnapshotId}: {Units} units as of revision {Revision}",
            node.Id, progress.SnapshotId, reply.Applied, reply.AcknowledgedRevision);
        return reply.AcknowledgedRevision;
    }

    /// <summary>
    /// Streams the chunks after the node's progress and answers with the node's progress after the last one. The
    /// hub gives the node the allowance for each chunk's size to take it (PushLimits.Allowance): a stream that stalls
    /// longer is abandoned, and the next round resumes from what the node took.
    /// </summary>
    async Task<SnapshotProgress> StreamChunksAsync(UnitPush.UnitPushClient client, SnapshotProgress progress, string reason, IAsyncEnumerable<IReadOnlyList<EncodedUnit>> chunks, CancellationToken cancellationToken)
    {
        using var stall = new StallTimer(_limits.Allowance(0), cancellationToken);
        using var call = client.SendSnapshotChunks(Headers(), cancellationToken: stall.Token);
        try
        {
            await SendChunksAsync(call.RequestStream, progress, reason, chunks, stall);
            return await call.ResponseAsync;
        }
        // However the stall shows, in a write the node's full receive window holds up or in the wait for its answer.
        catch (Exception e) when ((e is RpcException or OperationCanceledException) && stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded,
                $"node {node.Id} took no snapshot chunk for {stall.Allowance.TotalSeconds:F0} s; the snapshot resumes from what it took"));
        }
    }

    /// <summary>Writes the chunks and completes the stream, each chunk within the deadline; stops early when the node ended the call.</summary>
    async Task SendChunksAsync(IClientStreamWriter<SnapshotChunk> stream, SnapshotProgress progress, string reason, IAsyncEnumerable<IReadOnlyList<EncodedUnit>> chunks, StallTimer stall)
    {
        // Shown as begun (SnapshotBegun), and from then on every second.
        var (after, sent, shown) = (progress.LastCode, progress.UnitsReceived, context.Clock.GetTimestamp());
        await foreach (var units in chunks)
        {
            if (context.Clock.GetElapsedTime(shown) > TimeSpan.FromSeconds(1))
            {
                RecordState(NodeStates.CatchingUp, null, SnapshotDetail(progress, sent, reason));
                shown = context.Clock.GetTimestamp();
            }

            var chunk = new SnapshotChunk { SnapshotId = progress.SnapshotId, AfterCode = after, Units = { units.Select(u => u.Message) } };
            var size = chunk.CalculateSize();
            PushLimits.RefuseOversized(size, units, node.Id);
            stall.Restart(_limits.Allowance(size));
            if (!await SentAsync(() => stream.WriteAsync(chunk, stall.Token)))
            {
                return;
            }

            (after, sent) = (units[^1].Code, sent + units.Count);
        }

        await SentAsync(stream.CompleteAsync);

        // Only sending is caught: the node ended the call by refusing a chunk, and its answer, awaited next, says why.
        async Task<bool> SentAsync(Func<Task> send)
        {
            try
            {
                await send();
                return true;
            }
            catch (Exception e) when ((e is RpcException or InvalidOperationException) && !stall.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    /// <returns>The node's new acknowledged revision, or null when it has everything up to the head.</returns>
    async Task<long?> PushBatchAsync(UnitPush.UnitPushClient client, long acknowledged, string logId, CancellationToken cancellationToken)
    {
        var head = context.Log.HeadRevision();
        if (acknowledged >= head)
        {
            RecordAck(acknowledged, NodeStates.InSync);
            return null;
        }

        var batch = _batches.NextLogBatch(acknowledged, head, node.Scope);
        // The gRPC call carries this span to the node: its apply joins the trace of the change that caused it.
        using var span = ZoningHubActivity.StartCoalesced("hub.push", batch.TraceParents)
            ?.SetTag("zoninghub.node", node.Id).SetTag("zoninghub.revision.from", acknowledged).SetTag("zoninghub.revision.to", batch.Through);
        var request = new ApplyUnitsRequest
        {
            HubId = _options.HubId, LogId = logId, FromRevision = acknowledged, ToRevision = batch.Through, Units = { batch.Units.Select(u => u.Message) },
        };
        var size = request.CalculateSize();
        PushLimits.RefuseOversized(size, batch.Units, node.Id);
        ApplyUnitsReply reply;
        try
        {
            reply = await client.ApplyUnitsAsync(request, Headers(), Deadline(size), cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            // gRPC's own detail is empty: the status says how much was sent in how long, and what to change if the link is slow.
            var detail = $"node {node.Id} did not acknowledge {PushLimits.Bytes(size)} bytes (revisions {acknowledged + 1} to {batch.Through}) within "
                + $"{_limits.Allowance(size).TotalSeconds:F0} s; a link slower than Hub:PushMinimumBytesPerSecond ({PushLimits.Bytes(_options.PushMinimumBytesPerSecond)}) needs that lowered";
            span.Failed($"{StatusCode.DeadlineExceeded}: {detail}");
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, detail));
        }
        catch (RpcException e)
        {
            span.Failed($"{e.StatusCode}: {Detail(e)}");
            throw;
        }

        RecordAck(reply.AcknowledgedRevision, reply.AcknowledgedRevision >= head ? NodeStates.InSync : NodeStates.CatchingUp);
        context.Logger.LogDebug("Node {NodeId} acknowledged revision {Revision} ({Applied} applied)", node.Id, reply.AcknowledgedRevision, reply.Applied);
        return reply.AcknowledgedRevision;
    }

    /// <summary>Compares the node's digest with the hub's for the same revision; a mismatch asks for a resync.</summary>
    async Task VerifyAsync(UnitPush.UnitPushClient client, string logId, CancellationToken cancellationToken)
    {
        var theirs = await NodePolls.UntracedAsync(() => client.GetDigestAsync(new GetDigestRequest(), Headers(), Deadline(), cancellationToken).ResponseAsync);
        if (theirs.LogId != logId)
        {
            return;
        }

        var (digest, units) = context.Log.DigestAt(node.Scope, theirs.Revision);
        var check = new DigestCheck(theirs.Revision, digest, theirs.Digest, units, theirs.UnitCount, context.Clock.GetUtcNow());
        context.Nodes.RecordDigest(node.Id, check);
        if (!check.Matches)
        {
            context.Logger.LogWarning("Node {NodeId} digest differs at revision {Revision}: hub {HubDigest} over {HubUnits} units, node {NodeDigest} over {NodeUnits}; resyncing",
                node.Id, check.Revision, check.HubDigest, check.HubUnits, check.NodeDigest, check.NodeUnits);
            context.Requests.Resync(node.Id, $"its digest differed from the hub's at revision {check.Revision}");
        }
    }

    void RecordAck(long acknowledged, string state, bool bySnapshot = false)
    {
        if (bySnapshot || _recorded != (acknowledged, state))
        {
            context.Nodes.RecordAck(node.Id, acknowledged, state, bySnapshot);
            _recorded = (acknowledged, state);
        }
    }

    /// <summary>
    /// Records a failure for the status API, unless the hub's store cannot take even that (locked past its timeout,
    /// or full): then the failure is only logged, and the pusher goes on retrying instead of stopping the hub.
    /// </summary>
    void RecordFailure(string state, string error)
    {
        try
        {
            RecordState(state, error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Logger.LogError(e, "Could not record node {NodeId} as {State} ({Error})", node.Id, state, error);
        }
    }

    static string SnapshotDetail(SnapshotProgress progress, long sent, string reason) =>
        $"snapshot as of revision {progress.AsOfRevision}: {sent} units sent ({reason})";

    void RecordState(string state, string? error, string? detail = null)
    {
        context.Nodes.RecordState(node.Id, state, error, detail);
        StateWritten();
    }

    /// <summary>The node's state was written over (by <see cref="RecordState"/>, or with a snapshot's begin): what this pusher last wrote is forgotten.</summary>
    void StateWritten() => (_recorded, _waiting) = (null, null);

    Metadata Headers() => new() { { "authorization", $"Bearer {(string.IsNullOrEmpty(node.Credential) ? _options.PushCredential : node.Credential)}" } };

    /// <summary>The failure's detail; a call whose deadline passed has none of its own, which left the status saying "DeadlineExceeded: " alone.</summary>
    string Detail(RpcException e) => e.Status.Detail is { Length: > 0 } detail ? detail
        : e.StatusCode == StatusCode.DeadlineExceeded ? $"node {node.Id} did not answer within the push deadline (Hub:PushDeadline, {_options.PushDeadline}, more for a large batch)"
        : "no detail given";

    /// <param name="bytes">What the call sends: a push is given the time its bytes take over the slowest link allowed for.</param>
    /// <remarks>By the system's clock, not <see cref="NodePusherContext.Clock"/>: gRPC turns it into a timeout by its own, at once.</remarks>
    DateTime Deadline(long bytes = 0) => DateTime.UtcNow.Add(_limits.Allowance(bytes));

    /// <summary>
    /// Waits before the next try after <paramref name="failures"/> in a row, or until an operator asks for the node
    /// (<see cref="NodeRequests.Asked"/>), whichever comes first. A request made any time since the last wait (in the
    /// round that failed, which may not have answered it, or while the node was in sync) ends it at once too: at worst
    /// one try sooner than the backoff would make it.
    /// </summary>
    Task BackOffAsync(int failures, CancellationToken stoppingToken) => context.Requests.Asked(node.Id).WaitAsync(Backoff(failures), stoppingToken);

    // Exponential with full jitter, so many pushers do not retry a recovering node in lockstep.
    TimeSpan Backoff(int failures)
    {
        var first = _options.PushRetryBackoff.TotalMilliseconds;
        var ceiling = Math.Min(_options.PushRetryMaxBackoff.TotalMilliseconds, first * Math.Pow(2, Math.Min(failures, 10)));
        return TimeSpan.FromMilliseconds(first + Random.Shared.NextDouble() * ceiling);
    }
}
