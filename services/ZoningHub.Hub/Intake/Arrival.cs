using ZoningHub.Contracts;

namespace ZoningHub.Hub.Intake;

/// <summary>A change set as the broker delivered it.</summary>
/// <param name="Sender">The W3C <c>traceparent</c> its sender's span put on the message, if any.</param>
/// <param name="DeliveredBy">The department whose exchange it came through, where the transport tells (RabbitMQ does).</param>
public sealed record Arrival(ChangeSetPublished ChangeSet, string? Sender, string? DeliveredBy);
