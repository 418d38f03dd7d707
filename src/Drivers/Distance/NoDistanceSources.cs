namespace EdgeGateway.Drivers.Distance;

/// <summary>The factory on real hardware until a bus provides distance sources: every id is absent.</summary>
public sealed class NoDistanceSources : IDistanceSourceFactory
{
    /// <inheritdoc />
    public IDistanceSource Open(string id, int pingsPerCycle) => new AbsentDistanceSource(id);
}
