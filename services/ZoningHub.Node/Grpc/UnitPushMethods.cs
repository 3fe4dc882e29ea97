using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;

namespace ZoningHub.Node.Grpc;

/// <summary>
/// Binds <see cref="UnitPushService"/> to the contract's <c>UnitPush</c> methods by hand, where a service usually
/// derives from the generated base class, for one method: a snapshot chunk is read from the call's bytes into the
/// framing the store keeps (<see cref="ReceivedChunk.Parse"/>), not parsed into a <c>SnapshotChunk</c>, whose units
/// were each an array of its own that the store then copied again. The other methods take and give the contract's
/// messages as the generated code does. Names are the contract descriptor's, so a method renamed there fails at start.
/// </summary>
sealed class UnitPushMethods : IServiceMethodProvider<UnitPushService>
{
    // As the generated binding gives each method: POST only, and CORS preflight requests reach gRPC's own answer.
    static readonly object[] Metadata = [new HttpMethodMetadata(["POST"], acceptCorsPreflight: true)];

    static readonly Marshaller<ReceivedChunk> Chunks = Marshallers.Create<ReceivedChunk>(
        (_, _) => throw new NotSupportedException("A node only receives snapshot chunks."),
        context => ReceivedChunk.Parse(context.PayloadAsReadOnlySequence()));

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<UnitPushService> context)
    {
        context.AddUnaryMethod(Unary(nameof(UnitPushService.ApplyUnits), ApplyUnitsRequest.Parser, ApplyUnitsReply.Parser), Metadata,
            (s, request, call) => s.ApplyUnits(request, call));
        context.AddUnaryMethod(Unary(nameof(UnitPushService.GetNodeState), GetNodeStateRequest.Parser, NodeState.Parser), Metadata,
            (s, request, call) => s.GetNodeState(request, call));
        context.AddUnaryMethod(Unary(nameof(UnitPushService.BeginSnapshot), BeginSnapshotRequest.Parser, SnapshotProgress.Parser), Metadata,
            (s, request, call) => s.BeginSnapshot(request, call));
        context.AddClientStreamingMethod(Method(MethodType.ClientStreaming, nameof(UnitPushService.SendSnapshotChunks), Chunks, Message(SnapshotProgress.Parser)), Metadata,
            (s, chunks, call) => s.SendSnapshotChunks(chunks, call));
        context.AddUnaryMethod(Unary(nameof(UnitPushService.CompleteSnapshot), CompleteSnapshotRequest.Parser, ApplyUnitsReply.Parser), Metadata,
            (s, request, call) => s.CompleteSnapshot(request, call));
        context.AddUnaryMethod(Unary(nameof(UnitPushService.GetDigest), GetDigestRequest.Parser, ScopeDigest.Parser), Metadata,
            (s, request, call) => s.GetDigest(request, call));
    }

    static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse> =>
        Method(MethodType.Unary, name, Message(request), Message(response));

    static Method<TRequest, TResponse> Method<TRequest, TResponse>(MethodType type, string name, Marshaller<TRequest> request, Marshaller<TResponse> response)
        where TRequest : class where TResponse : class =>
        new(type, UnitPush.Descriptor.FullName, UnitPush.Descriptor.FindMethodByName(name)?.Name
            ?? throw new InvalidOperationException($"The UnitPush contract has no method {name}."), request, response);

    static Marshaller<T> Message<T>(MessageParser<T> parser) where T : class, IMessage<T> => Marshallers.Create<T>(
        (message, context) =>
        {
            context.SetPayloadLength(message.CalculateSize());
            message.WriteTo(context.GetBufferWriter());
            context.Complete();
        },
        context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}
