namespace EdgeGateway.Runtime.Lighting;

/// <summary>The photocell's own state: dark or not, and since when the opposite condition has held.</summary>
/// <param name="Dark">True when the photocell calls for light; null before the first usable reading.</param>
/// <param name="PendingSince">When the reading first crossed the opposite level; null if no switch is pending.</param>
/// <param name="InterruptedSince">While pending: when the readings fell back inside the band; null if they did not.</param>
/// <param name="LastGoodAt">Timestamp of the last usable (good or uncertain) reading; null if none yet.</param>
internal sealed record SensorSwitchState(bool? Dark, DateTimeOffset? PendingSince, DateTimeOffset? InterruptedSince, DateTimeOffset? LastGoodAt)
{
    /// <summary>Before any reading.</summary>
    public static SensorSwitchState Initial { get; } = new(null, null, null, null);
}
