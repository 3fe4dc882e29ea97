namespace ZoningHub.Hub.Core;

/// <summary>
/// A caller's value as a refusal quotes it. Refusals travel back in gRPC's <c>grpc-message</c> header and in
/// problem documents: quoting a value whole let anyone make a service send megabytes of their own input back.
/// </summary>
public static class QuotedInput
{
    /// <summary>Longer than any code or filter the services take, so a well-formed mistake is quoted whole.</summary>
    public const int MaxQuoted = 32;

    public static string Of(string? value) =>
        value is null || value.Length <= MaxQuoted ? $"'{value}'" : $"'{value[..MaxQuoted]}…' ({value.Length:N0} characters)";
}
