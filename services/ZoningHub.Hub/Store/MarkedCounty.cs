namespace ZoningHub.Hub.Store;

/// <summary>A county waiting for re-derivation, and the mark generation derivation saw.</summary>
public sealed record MarkedCounty(string County, long Generation);
