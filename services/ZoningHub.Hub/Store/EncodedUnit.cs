using Google.Protobuf;

namespace ZoningHub.Hub.Store;

/// <summary>
/// A log entry as nodes receive it: its <c>UnitRevision</c>, encoded once when the entry was written. An entry
/// never changes, and every node in its scope receives the same bytes, so the hub sends them as they are
/// instead of decoding the row and encoding the message again for each node and each snapshot.
/// </summary>
public sealed record EncodedUnit(long Revision, string Code, string? TraceParent, ByteString Message);
