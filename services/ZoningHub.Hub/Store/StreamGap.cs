namespace ZoningHub.Hub.Store;

/// <summary>Change sets <see cref="From"/>…<see cref="To"/> of a stream are missing while later ones wait.</summary>
public sealed record StreamGap(string Stream, long From, long To);
