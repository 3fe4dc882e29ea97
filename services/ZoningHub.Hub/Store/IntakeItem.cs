using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Store;

/// <summary>A change set ready for the intake transaction: validated, fingerprinted, and as JSON for quarantine.</summary>
public sealed record IntakeItem(ChangeSetPublished ChangeSet, ChangeSetValidation Validation, string Fingerprint, string Body);
