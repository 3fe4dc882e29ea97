using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ZoningHub.Contracts.Grpc.Push.V1;
using CoreUnitType = ZoningHub.Hub.Core.Derivation.UnitType;

namespace ZoningHub.Hub.Store;

/// <summary>Maps log entries onto the gRPC contract.</summary>
public static class UnitMessages
{
    /// <summary>The entry as nodes receive it, encoded once when the log is written (see <see cref="EncodedUnit"/>).</summary>
    public static byte[] Encode(LoggedUnit unit) => ToMessage(unit).ToByteArray();

    /// <summary>The geometry inside an encoding, read without decoding the rest; null for a retired unit.</summary>
    public static byte[]? GeometryOf(byte[] message)
    {
        var input = new CodedInputStream(message);
        while (input.ReadTag() is var tag and not 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == UnitRevision.GeometryWkbFieldNumber)
            {
                var wkb = input.ReadBytes();
                return wkb.IsEmpty ? null : wkb.ToByteArray();
            }

            input.SkipLastField();
        }

        return null;
    }

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
        message.AccessList.AddRange(Rules.GetValue(unit.AccessList, Convert));
        return message;
    }

    // The log reader shares one decoded list per distinct access list, so its messages are built once too;
    // a message only read for serialization can sit in many units.
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<Core.Derivation.AccessRule>, AccessRule[]> Rules = [];

    static AccessRule[] Convert(IReadOnlyList<Core.Derivation.AccessRule> rules) => [.. rules.Select(rule => new AccessRule
    {
        Dimension = rule.Dimension,
        TextZh = rule.TextZh,
        TextEn = rule.TextEn,
        ForbiddenIndustries = { rule.ForbiddenIndustries },
    })];
}
