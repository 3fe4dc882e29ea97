using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ZoningHub.Hub.Core.Digests;

/// <summary>
/// An order-independent digest of the units in a scope (DESIGN §5, nodes converge): hub and node each add
/// what they hold, in whatever order they read it, and equal sets give equal digests. Each unit contributes
/// SHA-256 of <c>code\nversion\nretired\ncontent_hash</c>; the digest is the sum of those as 256-bit
/// big-endian integers modulo 2^256. A sum rather than an XOR, so two equal entries do not cancel out.
/// The algorithm is part of the gRPC contract (<c>zoninghub.push.v1.ScopeDigest</c> carries its result).
/// </summary>
public sealed class ScopeDigestBuilder
{
    // Four 64-bit limbs, least significant first.
    readonly ulong[] _sum = new ulong[4];

    public long Count { get; private set; }

    public void Add(string code, int version, bool retired, string contentHash)
    {
        var entry = string.Create(CultureInfo.InvariantCulture, $"{code}\n{version}\n{(retired ? 1 : 0)}\n{contentHash}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(entry), hash);
        ulong carry = 0;
        for (var limb = 0; limb < 4; limb++)
        {
            var addend = BinaryPrimitives.ReadUInt64BigEndian(hash[((3 - limb) * 8)..]);
            var partial = _sum[limb] + addend;
            var overflow = partial < addend ? 1UL : 0UL;
            _sum[limb] = partial + carry;
            carry = overflow | (_sum[limb] < partial ? 1UL : 0UL);
        }

        Count++;
    }

    /// <summary>64 lower-case hex digits.</summary>
    public string Value
    {
        get
        {
            Span<byte> bytes = stackalloc byte[32];
            for (var limb = 0; limb < 4; limb++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(bytes[((3 - limb) * 8)..], _sum[limb]);
            }

            return Convert.ToHexStringLower(bytes);
        }
    }
}
