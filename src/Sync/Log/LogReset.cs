namespace EdgeGateway.Sync.Log;

/// <summary>What opening the log had to do because the file was missing or damaged (a <c>log.reset</c> event).</summary>
/// <param name="Reason">Why: the file was damaged (LiteDB's error), or it was missing while the seq high-water said
/// records had been handed out.</param>
/// <param name="MovedTo">Where the damaged files were moved, or null when nothing was there.</param>
/// <param name="NextSeq">The seq the fresh log continues from (above every seq ever handed out).</param>
public sealed record LogReset(string Reason, string? MovedTo, long NextSeq);
