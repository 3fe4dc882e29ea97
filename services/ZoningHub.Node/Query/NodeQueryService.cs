using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Node.V1;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Contracts.Grpc.Query.V1;
using UnitCodes = ZoningHub.Hub.Core.Derivation.UnitCodes;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Node.Query;

/// <summary>gRPC read access to the node for local systems (zoninghub.node.v1), the same answers as its HTTP side.</summary>
public sealed class NodeQueryService(NodeUnitReader reader, IOptions<NodeOptions> node) : NodeQuery.NodeQueryBase
{
    public override Task<UnitRevision> GetUnit(GetUnitRequest request, ServerCallContext context) =>
        UnitCodes.Problem(request.Code) is { } malformed
            ? throw GrpcProblems.InvalidField(QueryRefusals.InvalidUnitCode, "code", malformed)
            : reader.Find(request.Code) is { } unit
                ? Task.FromResult(unit)
                : throw GrpcProblems.Refused(StatusCode.NotFound, QueryRefusals.UnitNotFound, $"This node holds no unit with code '{request.Code}'.",
                    ("code", request.Code), ("node_id", node.Value.Id));

    [EnableRateLimiting(GeoJsonReadLimit.Policy)]
    public override async Task ListUnits(ListUnitsRequest request, IServerStreamWriter<UnitRevision> responseStream, ServerCallContext context)
    {
        // proto3 cannot tell an unset string from an empty one: empty means no filter, as on the hub.
        var province = request.Province.Length == 0 ? null : request.Province;
        var county = request.County.Length == 0 ? null : request.County;
        if (node.Value.FilterViolation(province, county) is { } refused)
        {
            throw GrpcProblems.InvalidField(refused.OutOfScope ? QueryRefusals.OutsideNodeScope : QueryRefusals.InvalidArea, refused.Field, refused.Problem,
                metadata: ("node_id", node.Value.Id));
        }

        QueryRefusals.RefuseUnknownUnitType(request.Type);

        var type = request.Type == UnitType.Unspecified ? (UnitType?)null : request.Type;
        foreach (var unit in reader.Active(province, county, type))
        {
            await responseStream.WriteAsync(unit, context.CancellationToken);
        }
    }
}
