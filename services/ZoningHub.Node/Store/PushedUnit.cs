using Google.Protobuf;

namespace ZoningHub.Node.Store;

/// <summary>A unit as pushed: its encoded <c>UnitRevision</c>, kept as it came, and the fields the node indexes.</summary>
public sealed record PushedUnit(UnitHeader Header, ByteString Encoded)
{
    static readonly MessageParser<UnitHeader> Parser = UnitHeader.Parser.WithDiscardUnknownFields(true);

    /// <summary>Reads the indexed fields of each unit, refusing the whole push if one is not an encoded unit.</summary>
    public static IReadOnlyList<PushedUnit> Read(IReadOnlyList<ByteString> units)
    {
        var pushed = new PushedUnit[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            pushed[i] = new(ReadHeader(i, units[i].Span), units[i]);
        }

        return pushed;
    }

    static UnitHeader ReadHeader(int index, ReadOnlySpan<byte> encoded)
    {
        var header = ReadHeader(index, encoded, out var malformed);
        return malformed is null ? header : throw new PushRefusedException(PushRefusal.Malformed, malformed, FieldOf(index));
    }

    /// <summary>Reads the indexed fields of unit <paramref name="index"/> of a push.</summary>
    /// <param name="malformed">Why the unit is not an encoded unit, if it is not, in a sentence a refusal gives as it is.</param>
    internal static UnitHeader ReadHeader(int index, ReadOnlySpan<byte> encoded, out string? malformed)
    {
        UnitHeader header;
        try
        {
            header = Parser.ParseFrom(encoded);
        }
        catch (InvalidProtocolBufferException e)
        {
            malformed = Malformed(index, e.Message);
            return new UnitHeader();
        }

        malformed = Problem(header) is { } problem ? Malformed(index, problem) : null;
        return header;
    }

    /// <summary>The indexed fields of a unit the node took before, or null if what is stored is no longer one (a damaged disk).</summary>
    public static UnitHeader? TryReadHeader(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var header = Parser.ParseFrom(encoded);
            return Problem(header) is null ? header : null;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    static string? Problem(UnitHeader header) =>
        header.Code.Length == 0 || header.County.Length != 6 || header.Version < 1
            ? $"code '{header.Code}', county '{header.County}', version {header.Version}"
            : null;

    /// <summary>Unit <paramref name="index"/> of a push, as the contract's field path names it.</summary>
    internal static string FieldOf(int index) => $"units[{index}]";

    static string Malformed(int index, string detail) =>
        $"Unit {index} of the push is not an encoded UnitRevision with a code, a 6-digit county and a version ({detail}).";
}
