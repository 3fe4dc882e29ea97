namespace ZoningHub.Hub.Store;

/// <summary>A county waiting for re-derivation, the mark generation derivation saw, and the trace of the change that marked it last.</summary>
public sealed record MarkedCounty(string County, long Generation, string? TraceParent = null);
