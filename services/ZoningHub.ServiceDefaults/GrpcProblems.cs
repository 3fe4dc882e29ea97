using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using RichStatus = Google.Rpc.Status;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// Refusals in gRPC's rich error model: beside the status code and the sentence, a <c>google.rpc.Status</c> in the
/// <c>grpc-status-details-bin</c> trailer holding an <c>ErrorInfo</c>, whose reason a calling system branches on
/// without parsing the sentence, and for a refused request field a <c>BadRequest</c> naming it. A client that reads
/// only the status sees the same code and sentence as before. The reasons are a surface as stable as the messages:
/// contracts/README.md lists them.
/// </summary>
public static class GrpcProblems
{
    /// <summary>ErrorInfo's domain: the reasons below are ZoningHub's own.</summary>
    public const string Domain = "zoninghub";

    /// <summary>
    /// Refuses the request for its field <paramref name="field"/> (the contract's name, as <c>province</c> or
    /// <c>units[3]</c>): INVALID_ARGUMENT unless <paramref name="code"/> says otherwise.
    /// </summary>
    public static RpcException InvalidField(string reason, string field, string description, StatusCode code = StatusCode.InvalidArgument,
        params (string Key, string Value)[] metadata) =>
        Status(code, reason, description, metadata,
            new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = description } } }).ToRpcException();

    /// <summary>Refuses the call for <paramref name="reason"/>, with what the caller needs to act on it as <paramref name="metadata"/>.</summary>
    public static RpcException Refused(StatusCode code, string reason, string message, params (string Key, string Value)[] metadata) =>
        Status(code, reason, message, metadata).ToRpcException();

    /// <summary>The status as it travels: code and sentence, then ErrorInfo first among the details, as AIP-193 asks.</summary>
    public static RichStatus Status(StatusCode code, string reason, string message, IEnumerable<(string Key, string Value)> metadata, params IMessage[] details)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        foreach (var (key, value) in metadata)
        {
            info.Metadata[key] = value;
        }

        var status = new RichStatus { Code = (int)code, Message = message, Details = { Any.Pack(info) } };
        status.Details.Add(details.Select(Any.Pack));
        return status;
    }

    /// <summary>The reason a refusal gives, or null for an answer without ErrorInfo (a service of an older build, or gRPC's own).</summary>
    public static string? ReasonOf(RpcException e) => e.GetRpcStatus()?.GetDetail<ErrorInfo>() is { Domain: Domain } info ? info.Reason : null;
}
