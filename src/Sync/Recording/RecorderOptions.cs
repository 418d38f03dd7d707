namespace EdgeGateway.Sync.Recording;

/// <summary>How the recorder groups readings into telemetry batches (DESIGN.md: bounded by count and age).</summary>
public sealed class RecorderOptions
{
    /// <summary>A batch closes when it holds this many readings.</summary>
    public int MaxBatchReadings { get; set; } = 200;

    /// <summary>A batch closes when its first reading is this old.</summary>
    public TimeSpan MaxBatchAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Readings and events kept in memory while the disk refuses writes, before the oldest readings go.</summary>
    public int MaxPendingWhileFull { get; set; } = 100_000;
}
