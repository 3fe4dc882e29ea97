using ZoningHub.Standalone;
using ZoningHub.Testing;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// The samples' settings are read by background services; a wrong one stopped the run from inside one of them, as a
/// defect with a stack trace, or once it already ran. Now what can be judged at start is refused there, naming the
/// setting.
/// </summary>
public sealed class When_the_embedded_runs_sample_settings_are_wrong
{
    [Theory]
    [InlineData("Embedded:SampleProvinces:0", "3", "Embedded:SampleProvinces holds '3'")]
    [InlineData("Embedded:SimulateInterval", "-00:00:10", "Embedded:SimulateInterval is '-00:00:10'")]
    [InlineData("Embedded:SimulateInterval", "soon", "Embedded:SimulateInterval is 'soon'")]
    public void Should_refuse_to_start_naming_the_setting(string setting, string value, string said)
    {
        using var data = new TemporaryDirectory("zoninghub-sample-settings-");
        var settings = EmbeddedSystem.Settings(data.Path, FreeTcpPort.Find(8));
        (settings[setting], settings["Embedded:Simulate"]) = (value, "true");

        var refused = Assert.Throws<StartRefusedException>(() => EmbeddedSystem.Build(settings));

        Assert.Contains(said, refused.Message, StringComparison.Ordinal);
    }
}
