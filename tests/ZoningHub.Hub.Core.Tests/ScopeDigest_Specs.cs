using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using ZoningHub.Hub.Core.Digests;

namespace ZoningHub.Hub.Core.Tests;

public sealed class When_digesting_a_scope
{
    static readonly (string Code, int Version, bool Retired, string Hash)[] Units =
        [.. Enumerable.Range(0, 200).Select(i => ($"ZH33010{i:D4}", i % 7 + 1, i % 11 == 0, Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)))))];

    [Fact]
    public void Should_not_depend_on_the_order_units_are_added_in()
    {
        var expected = Digest(Units);
        for (var seed = 1; seed <= 5; seed++)
        {
            var shuffled = Units.ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(expected, Digest(shuffled));
        }
    }

    [Fact]
    public void Should_change_with_any_field_of_any_unit()
    {
        var expected = Digest(Units);
        Assert.NotEqual(expected, Digest(Units.Select((u, i) => i == 42 ? u with { Version = u.Version + 1 } : u)));
        Assert.NotEqual(expected, Digest(Units.Select((u, i) => i == 42 ? u with { Retired = !u.Retired } : u)));
        Assert.NotEqual(expected, Digest(Units.Select((u, i) => i == 42 ? u with { Hash = Units[43].Hash } : u)));
        Assert.NotEqual(expected, Digest(Units.Skip(1)));
    }

    [Fact]
    public void Should_not_let_a_repeated_unit_cancel_out()
    {
        Assert.NotEqual(Digest(Units.Take(3)), Digest(Units.Take(3).Concat(Units.Skip(5).Take(1)).Concat(Units.Skip(5).Take(1))));
    }

    [Fact]
    public void Should_be_the_sum_of_the_entry_hashes_modulo_two_to_the_256()
    {
        // The contract's own definition, computed with arbitrary-precision arithmetic, so a carry bug shows.
        var modulus = BigInteger.One << 256;
        var sum = Units.Aggregate(BigInteger.Zero, (total, u) =>
        {
            var entry = string.Create(CultureInfo.InvariantCulture, $"{u.Code}\n{u.Version}\n{(u.Retired ? 1 : 0)}\n{u.Hash}");
            return (total + new BigInteger(SHA256.HashData(Encoding.UTF8.GetBytes(entry)), isUnsigned: true, isBigEndian: true)) % modulus;
        });
        var expected = Convert.ToHexStringLower(sum.ToByteArray(isUnsigned: true, isBigEndian: true)).PadLeft(64, '0');

        Assert.Equal((expected, 200L), Digest(Units));
    }

    [Fact]
    public void Should_digest_an_empty_scope_as_zero()
    {
        Assert.Equal((new string('0', 64), 0L), Digest([]));
    }

    static (string Value, long Count) Digest(IEnumerable<(string Code, int Version, bool Retired, string Hash)> units)
    {
        var digest = new ScopeDigestBuilder();
        foreach (var (code, version, retired, hash) in units)
        {
            digest.Add(code, version, retired, hash);
        }

        return (digest.Value, digest.Count);
    }
}
