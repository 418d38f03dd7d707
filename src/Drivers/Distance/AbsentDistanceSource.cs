namespace EdgeGateway.Drivers.Distance;

/// <summary>Stands for a configured distance source nothing provides (yet): every cycle fails like a dead sensor,
/// so the bin reports <c>sensor.fault</c> instead of the gateway refusing to start.</summary>
public sealed class AbsentDistanceSource(string id) : IDistanceSource
{
    /// <inheritdoc />
    public string Id { get; } = id;

    /// <inheritdoc />
    public IReadOnlyList<double> PingCycle(DateTimeOffset now) =>
        throw new IOException($"No driver provides distance source '{Id}'");
}
