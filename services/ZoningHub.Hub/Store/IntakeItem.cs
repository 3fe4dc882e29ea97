using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Store;

/// <summary>A change set ready for the intake transaction: validated, fingerprinted, and as JSON for quarantine.</summary>
public sealed record IntakeItem(ChangeSetPublished ChangeSet, ChangeSetValidation Validation, string Fingerprint, string Body)
{
    /// <summary>The W3C <c>traceparent</c> of its intake span, kept with the counties it marks.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The department whose exchange it came through, where the transport tells; its quarantine entry's publisher.</summary>
    public string? DeliveredBy { get; init; }

    /// <summary>
    /// False when it is refused under a rule that gives it no place in a stream (<see cref="RejectionRules.TakesNoPlace"/>):
    /// it is quarantined whole and its stream, if it names one, is left as it was.
    /// </summary>
    public bool TakesPlace => !Validation.ChangeSetRejections.Any(r => RejectionRules.TakesNoPlace(r.Rule));
}
