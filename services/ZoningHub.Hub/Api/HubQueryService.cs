using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using ZoningHub.Contracts.Grpc.Query.V1;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;
using FilingStatus = ZoningHub.Contracts.Grpc.Query.V1.FilingStatus;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using CoreUnitType = ZoningHub.Hub.Core.Derivation.UnitType;

namespace ZoningHub.Hub.Api;

/// <summary>gRPC read access to the hub (zoninghub.query.v1).</summary>
public sealed class HubQueryService(HubStatusReader hubStatus, UnitLogReader log) : HubQuery.HubQueryBase
{
    public override Task<HubStatus> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        var view = hubStatus.Read();
        var status = new HubStatus
        {
            HeadRevision = view.HeadRevision, ActiveUnits = view.ActiveUnits, OpenConflicts = view.OpenConflicts, PendingCounties = view.PendingCounties,
            DerivationFailureCount = view.DerivationFailureCount, QuarantineOpen = view.QuarantineOpen,
        };
        status.Streams.AddRange(view.Streams.Select(s => new StreamStatus
        {
            Stream = s.Stream, Department = s.Department, Layers = { s.Layers }, LastSequence = s.LastSequence, Quarantined = s.Quarantined,
            LastSeen = Time(s.LastSeen), Held = s.Held,
        }));
        status.Nodes.AddRange(view.Nodes.Select(n => new NodeStatus
        {
            NodeId = n.NodeId, Scope = n.Scope, AcknowledgedRevision = n.AcknowledgedRevision, LagRevisions = n.LagRevisions, State = n.State,
            LagSeconds = n.LagSeconds, Verified = n.Verified, LastError = n.LastError ?? "", Detail = n.Detail ?? "",
        }));
        status.Filings.AddRange(view.Filings.Select(f =>
        {
            var filing = new FilingStatus { Province = f.Province, LatestRevision = f.LatestRevision, FiledAt = Time(f.FiledAt), PendingRevisions = f.PendingRevisions };
            if (f.FiledRevision is { } filed)
            {
                filing.FiledRevision = filed;
            }

            return filing;
        }));
        return Task.FromResult(status);
    }

    [EnableRateLimiting(GeoJsonReadLimit.Policy)]
    public override async Task ListUnits(ListUnitsRequest request, IServerStreamWriter<Contracts.Grpc.Push.V1.UnitRevision> responseStream, ServerCallContext context)
    {
        // proto3 cannot tell an unset string from an empty one: empty means no filter. Bad filters are refused as over HTTP.
        var (province, county) = (NullIfEmpty(request.Province), NullIfEmpty(request.County));
        if (AreaCodes.FilterViolation(province, county) is { } refused)
        {
            throw GrpcProblems.InvalidField(QueryRefusals.InvalidArea, refused.Field, refused.Problem);
        }

        QueryRefusals.RefuseUnknownUnitType(request.Type);

        CoreUnitType? type = request.Type == Contracts.Grpc.Push.V1.UnitType.Unspecified ? null : (CoreUnitType)(int)request.Type;
        // Read and sent a unit at a time: a national scope held in a list was hundreds of megabytes per call.
        foreach (var unit in log.StreamActive(province, county, type))
        {
            await responseStream.WriteAsync(UnitMessages.ToMessage(unit), context.CancellationToken);
        }
    }

    static Timestamp? Time(DateTimeOffset? at) => at is { } time ? Timestamp.FromDateTimeOffset(time) : null;

    static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
