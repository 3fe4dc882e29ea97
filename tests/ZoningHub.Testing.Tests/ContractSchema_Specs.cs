using Xunit;

namespace ZoningHub.Testing.Tests;

/// <summary>
/// <see cref="ContractSchema"/> is JsonSchema.Net behind a thin wrapper; what is specified here is the wrapper and the
/// change-set schema it loads, not the validator's keywords: that it names where each fault is, that it asserts
/// <c>format</c> (a validator's default treats it as an annotation), and that the schema can be loaded more than once.
/// </summary>
public sealed class ContractSchema_Specs
{
    const string Valid = """
        {"stream":"natural-resources.one-map","sequence":1,"department":"natural-resources","layer":"admin-division",
         "kind":"delta","features":[{"id":"330106","operation":"delete"}]}
        """;

    [Fact]
    public void Should_pass_a_valid_change_set_and_load_the_schema_again_under_its_own_id()
    {
        Assert.Empty(ContractSchema.ChangeSet().Errors(Valid));
        Assert.Empty(ContractSchema.ChangeSet().Errors(Valid));
    }

    [Fact]
    public void Should_name_the_pointer_of_what_the_change_set_schema_refuses()
    {
        var errors = ContractSchema.ChangeSet().Errors(Valid.Replace("\"sequence\":1", "\"sequence\":\"1\"", StringComparison.Ordinal));

        var error = Assert.Single(errors);
        Assert.StartsWith("/sequence: ", error, StringComparison.Ordinal);
        Assert.Contains("integer", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-06-01T09:30:00+08:00", true)]
    [InlineData("yesterday", false)]
    [InlineData("2025-06-01", false)]
    public void Should_assert_the_date_time_format_of_exported_at(string exportedAt, bool valid)
    {
        var json = Valid.Replace("\"kind\"", $"\"exportedAt\":\"{exportedAt}\",\"kind\"", StringComparison.Ordinal);

        Assert.Equal(valid, ContractSchema.ChangeSet().Errors(json).Count == 0);
    }
}
