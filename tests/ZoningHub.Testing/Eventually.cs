using Xunit;

namespace ZoningHub.Testing;

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, int seconds = 30) =>
        HoldsAsync(condition, () => what, seconds);

    /// <summary>As above, describing the failure with what is known at the timeout (e.g. the last status seen).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, Func<string> what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Within {seconds} s: {what()}");
    }

    public static Task HoldsAsync(Func<bool> condition, string what, int seconds = 30) =>
        HoldsAsync(() => Task.FromResult(condition()), what, seconds);

    public static Task HoldsAsync(Func<bool> condition, Func<string> what, int seconds = 30) =>
        HoldsAsync(() => Task.FromResult(condition()), what, seconds);
}
