using System.Text;

namespace ZoningHub.Samples.Shapes;

/// <summary>
/// SplitMix64 seeded from the run's seed and a key such as <c>330106/ecological-redline</c>. Each county and
/// layer draws from its own stream, so adding a province or a layer never reshuffles the others, and the
/// numbers do not hang on <see cref="Random"/>'s implementation.
/// </summary>
sealed class SampleRandom
{
    ulong _state;

    public SampleRandom(int seed, string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        _state = hash ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
    }

    public double NextDouble() => (Next64() >> 11) * (1.0 / (1UL << 53));

    public double Range(double min, double max) => min + ((max - min) * NextDouble());

    public int Next(int maxExclusive) => (int)(Next64() % (ulong)maxExclusive);

    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public T Weighted<T>(params (T Value, double Weight)[] choices)
    {
        var draw = NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (value, weight) in choices)
        {
            if ((draw -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    ulong Next64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
