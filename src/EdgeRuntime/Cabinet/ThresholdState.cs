namespace EdgeGateway.Runtime.Cabinet;

/// <summary>Immutable state of a hysteresis-and-hold alarm (<see cref="ClimateMonitor"/>, <see cref="MainsMonitor"/>).</summary>
/// <param name="Active">The alarm (over-temperature, power lost) is raised.</param>
/// <param name="PendingSince">When the input first crossed toward the other state; null when it has not.</param>
/// <param name="ActiveSince">When the alarm was raised.</param>
/// <param name="LastGood">The last good reading's time (bad readings never change the state).</param>
/// <param name="SensorFaulted">The input has been bad for too long; <c>sensor.fault</c> was raised.</param>
internal sealed record ThresholdState(
    bool Active,
    DateTimeOffset? PendingSince,
    DateTimeOffset? ActiveSince,
    DateTimeOffset? LastGood,
    bool SensorFaulted)
{
    /// <summary>Not active, nothing pending.</summary>
    public static ThresholdState Initial { get; } = new(false, null, null, null, false);
}
