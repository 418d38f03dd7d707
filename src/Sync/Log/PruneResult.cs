namespace EdgeGateway.Sync.Log;

/// <summary>What one pass of the retention budget removed.</summary>
/// <param name="SentRemoved">Records already delivered that were pruned (history only).</param>
/// <param name="UnsentTelemetryDropped">Undelivered telemetry batches dropped: data lost.</param>
/// <param name="UnsentEventsDropped">Undelivered events dropped: data lost.</param>
public readonly record struct PruneResult(int SentRemoved, int UnsentTelemetryDropped, int UnsentEventsDropped)
{
    /// <summary>True when undelivered data was dropped and a <c>log.dropped</c> event is due.</summary>
    public bool LostData => UnsentTelemetryDropped + UnsentEventsDropped > 0;

    /// <summary>The two passes' counts together.</summary>
    public PruneResult Add(PruneResult other) => new(
        SentRemoved + other.SentRemoved, UnsentTelemetryDropped + other.UnsentTelemetryDropped, UnsentEventsDropped + other.UnsentEventsDropped);
}
