using System.Globalization;
using Grpc.Core;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Push;

/// <summary>What a push to a node is held to: the time it may take for its size, and the largest message a node takes.</summary>
public sealed class PushLimits(HubOptions options)
{
    /// <summary><see cref="HubOptions.PushDeadline"/>, and the time <paramref name="bytes"/> take at <see cref="HubOptions.PushMinimumBytesPerSecond"/>.</summary>
    public TimeSpan Allowance(long bytes) => options.PushDeadline + TimeSpan.FromSeconds(bytes / (double)options.PushMinimumBytesPerSecond);

    /// <summary>
    /// Refuses a push of <paramref name="messageBytes"/> larger than a node takes, naming its largest unit. Sent, it is
    /// refused by the node with "Received message exceeds the maximum configured message size", which names nothing,
    /// and sent again at every attempt: a batch is bounded below the limit, so only a unit that goes alone exceeds it.
    /// </summary>
    public static void RefuseOversized(int messageBytes, IReadOnlyList<EncodedUnit> units, string nodeId)
    {
        if (messageBytes <= GrpcPushLimit.MaxMessageBytes)
        {
            return;
        }

        var unit = units.MaxBy(u => u.Message.Length)!;
        throw new RpcException(new Status(StatusCode.ResourceExhausted,
            $"unit {unit.Code} (revision {unit.Revision}) is {Bytes(unit.Message.Length)} bytes encoded, {Bytes(messageBytes)} as a push: more than the "
            + $"{Bytes(GrpcPushLimit.MaxMessageBytes)} bytes ({GrpcPushLimit.MaxMessageBytes >> 20} MiB) a node takes in one message. It is not sent, and node {nodeId} "
            + "takes nothing after it until a change makes the unit smaller"));
    }

    /// <summary>A count of bytes as people read it, in thousands: 67,108,864.</summary>
    public static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);
}
