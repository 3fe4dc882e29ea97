using Google.Protobuf;
using Grpc.Core;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Hub.Push.Encoded;

namespace ZoningHub.Hub.Push;

/// <summary>
/// The calls of <c>zoninghub.push.v1.UnitPush</c> that carry units, sent with the log's encoded units
/// (encoded_push.proto): the same methods, the same bytes on the wire, no decoding and encoding on the way.
/// </summary>
public sealed class EncodedUnitPush(CallInvoker invoker)
{
    static readonly Method<EncodedApplyUnitsRequest, ApplyUnitsReply> ApplyUnitsMethod =
        new(MethodType.Unary, UnitPush.Descriptor.FullName, "ApplyUnits", Marshaller(EncodedApplyUnitsRequest.Parser), Marshaller(ApplyUnitsReply.Parser));

    static readonly Method<EncodedSnapshotChunk, SnapshotProgress> SendSnapshotChunksMethod =
        new(MethodType.ClientStreaming, UnitPush.Descriptor.FullName, "SendSnapshotChunks", Marshaller(EncodedSnapshotChunk.Parser), Marshaller(SnapshotProgress.Parser));

    public AsyncUnaryCall<ApplyUnitsReply> ApplyUnitsAsync(EncodedApplyUnitsRequest request, CallOptions options) =>
        invoker.AsyncUnaryCall(ApplyUnitsMethod, null, options, request);

    public AsyncClientStreamingCall<EncodedSnapshotChunk, SnapshotProgress> SendSnapshotChunks(CallOptions options) =>
        invoker.AsyncClientStreamingCall(SendSnapshotChunksMethod, null, options);

    // As the generated clients marshal: straight into gRPC's buffer and out of its payload, without an array between.
    static Marshaller<T> Marshaller<T>(MessageParser<T> parser) where T : IMessage<T>, IBufferMessage => Marshallers.Create(
        (T message, SerializationContext context) =>
        {
            context.SetPayloadLength(message.CalculateSize());
            message.WriteTo(context.GetBufferWriter());
            context.Complete();
        },
        context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}
