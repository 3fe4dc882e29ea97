using System.Text.Json;
using MassTransit.Serialization;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// A plain JSON change set as the hub's intake endpoint reads it: MassTransit's raw JSON deserializer
/// (<c>ChangeSetConsumerDefinition</c>, <c>UseRawJsonDeserializer</c>) with MassTransit's serializer options. Not the web
/// defaults, which read <c>"sequence": "1"</c> as a number where the hub cannot read the body at all.
/// </summary>
static class IntakeWire
{
    public static JsonSerializerOptions Options => SystemTextJsonMessageSerializer.Options;

    /// <summary>The body read and validated; or, when the hub cannot read it (it is quarantined as <c>message.unreadable</c>), why.</summary>
    public static (ChangeSetPublished? ChangeSet, ChangeSetValidation? Validation, string? Error) Read(string json)
    {
        ChangeSetPublished changeSet;
        try
        {
            changeSet = JsonSerializer.Deserialize<ChangeSetPublished>(json, Options)!;
        }
        catch (JsonException e)
        {
            return (null, null, e.Message);
        }

        return (changeSet, ChangeSetValidator.Validate(changeSet), null);
    }
}
