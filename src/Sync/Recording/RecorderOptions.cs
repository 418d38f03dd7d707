namespace EdgeGateway.Sync.Recording;

/// <summary>How the recorder groups readings into telemetry batches (DESIGN.md: bounded by count and age).</summary>
public sealed class RecorderOptions
{
    /// <summary>A batch closes when it holds this many readings.</summary>
    public int MaxBatchReadings { get; set; } = 200;

    /// <summary>A batch closes when its first reading is this old.</summary>
    public TimeSpan MaxBatchAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Group commits happen at most this often (each one is fsync'ed: durable before it is published).
    /// A power cut loses at most what was not yet committed: the open batch and up to one interval of closed ones.
    /// (The first batch after start closes at 0.5 s and is committed at once, so the first telemetry leaves within about a second.)</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Readings and events kept in memory while the disk refuses writes, before the oldest readings go (events last).</summary>
    public int MaxPendingWhileFull { get; set; } = 100_000;
}
