using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// DerivationStore.Marked: "the counties marked longest ago first, so counties that change all the time cannot keep the
/// others waiting". A pass takes 50 counties; here those 50 are marked again by intake while each pass derives them, as
/// a steady stream of change sets over one part of a province marks them, and the 10 counties marked with them are
/// derived in none of the passes.
/// </summary>
public sealed class When_the_counties_of_every_pass_are_marked_again_while_it_derives
{
    const int Counties = 60;
    const int PerPass = 50;

    [Fact]
    public void Should_derive_every_marked_county_within_a_few_passes()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        var database = new HubDatabase(Options.Create(new HubOptions { DataDirectory = data.Path, PushCredential = "x" }));
        var intake = new IntakeStore(database, new QuarantineStore(database));
        var derivation = new DerivationStore(database);
        var codes = Enumerable.Range(1, Counties).Select(i => (330100 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        Apply(intake, ChangeSet(OneMap, 1, Layers.AdminDivision, [.. codes.Select((code, i) => County(code, Cell(i, 0)))]));

        var derived = new HashSet<string>(StringComparer.Ordinal);
        for (var pass = 1; pass <= 3; pass++)
        {
            var marked = derivation.Marked(PerPass);
            // Changes to the counties under derivation land while it derives them.
            Apply(intake, ChangeSet(OneMap, pass + 1, Layers.Redline,
                [.. marked.Select(m => Upsert($"H{m.County}", Cell(codes.IndexOf(m.County), pass)))]));
            derivation.Commit([.. marked.Select(m => Derive(derivation, m))]);
            derived.UnionWith(marked.Select(m => m.County));
        }

        Assert.Equal([], [.. codes.Except(derived, StringComparer.Ordinal)]);
    }

    /// <summary>County <paramref name="i"/>'s box, or with <paramref name="inset"/> a box inside it that differs for each inset.</summary>
    static string Cell(int i, int inset)
    {
        var west = 100 + (i * 0.1);
        var margin = inset == 0 ? 0 : 0.01 * inset;
        return Box(west + margin, 30 + margin, west + 0.1 - margin, 30.1 - margin);
    }

    /// <summary>What DerivationWorker does with one marked county.</summary>
    static CountyOutcome Derive(DerivationStore store, MarkedCounty mark)
    {
        var (county, overlapping) = store.LoadSources(mark.County)!.Value;
        var units = CountyDerivation.Derive(county, overlapping, AccessCatalogue.Default);
        return new CountyOutcome(mark, units, ConflictDetection.Detect(county, overlapping, units));
    }

    static void Apply(IntakeStore intake, ChangeSetPublished changeSet) =>
        Assert.Equal(IntakeDisposition.Applied, Assert.Single(intake.ApplyAll([
            new IntakeItem(changeSet, ChangeSetValidator.Validate(changeSet), ChangeSetFingerprint.Of(changeSet),
                JsonSerializer.Serialize(changeSet, JsonSerializerOptions.Web)),
        ])).Disposition);
}
