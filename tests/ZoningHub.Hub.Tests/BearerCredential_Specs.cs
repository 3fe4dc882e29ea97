using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Tests;

/// <summary>The operator's and the hub's credentials come as <c>Authorization: Bearer …</c>; the scheme's case is the client's choice.</summary>
public sealed class When_a_credential_is_presented
{
    [Theory]
    [InlineData("Bearer s3cret", true)]
    [InlineData("bearer s3cret", true)]
    [InlineData("BEARER s3cret", true)]
    [InlineData("Bearer S3cret", false)]
    [InlineData("Bearer  s3cret", false)]
    [InlineData("Bearer s3cret ", false)]
    [InlineData("Basic s3cret", false)]
    [InlineData("s3cret", false)]
    [InlineData("Bearer ", false)]
    [InlineData(null, false)]
    public void Should_take_the_scheme_in_any_case_and_the_credential_exactly(string? authorization, bool matches) =>
        Assert.Equal(matches, BearerCredential.Matches(authorization, "s3cret"));
}
