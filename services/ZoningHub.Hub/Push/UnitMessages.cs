using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Hub.Store;
using CoreUnitType = ZoningHub.Hub.Core.Derivation.UnitType;

namespace ZoningHub.Hub.Push;

/// <summary>Maps log entries onto the gRPC contract.</summary>
public static class UnitMessages
{
    public static UnitRevision ToMessage(LoggedUnit unit)
    {
        var message = new UnitRevision
        {
            Revision = unit.Revision,
            Code = unit.Code,
            County = unit.County,
            Type = unit.Type switch
            {
                CoreUnitType.PriorityProtection => UnitType.PriorityProtection,
                CoreUnitType.KeyControl => UnitType.KeyControl,
                _ => UnitType.GeneralControl,
            },
            Version = unit.Version,
            Retired = unit.Retired,
            GeometryWkb = unit.GeometryWkb is null ? ByteString.Empty : ByteString.CopyFrom(unit.GeometryWkb),
            AreaSquareMetres = unit.AreaSquareMetres,
            ContentHash = unit.ContentHash,
            RevisedAt = Timestamp.FromDateTimeOffset(unit.RevisedAt),
        };
        message.Sources.AddRange(unit.Sources);
        message.AccessList.AddRange(unit.AccessList.Select(rule => new AccessRule
        {
            Dimension = rule.Dimension,
            TextZh = rule.TextZh,
            TextEn = rule.TextEn,
            ForbiddenIndustries = { rule.ForbiddenIndustries },
        }));
        return message;
    }
}
