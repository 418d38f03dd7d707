namespace EdgeGateway.Runtime.Parking;

/// <summary>Immutable state of one bay's detector. Start from <see cref="Initial"/>.</summary>
/// <param name="BayId">The bay, used as the events' source and the point prefix.</param>
/// <param name="Baseline">The learned empty-bay field per axis, µT; null until the first usable sample.</param>
/// <param name="Deviation">Fast-filtered deviation of the field from the baseline, µT.</param>
/// <param name="Occupied">The debounced decision.</param>
/// <param name="StrongEvidence">Accumulated seconds above the strong entry level.</param>
/// <param name="WeakEvidence">Accumulated seconds above the weak entry level.</param>
/// <param name="ExitEvidence">Accumulated seconds below the exit level while occupied.</param>
/// <param name="OccupiedSince">When the current stay was detected.</param>
/// <param name="LastUsable">The time of the last usable sample.</param>
/// <param name="LastCall">The time of the last call, usable or not (for the statistics).</param>
/// <param name="Faulted">True after <c>sensor.fault</c> until <c>sensor.recovered</c>.</param>
/// <param name="Statistics">Arrivals, dwell and occupancy.</param>
internal sealed record BayState(
    string BayId,
    Vec3? Baseline,
    Vec3 Deviation,
    bool Occupied,
    double StrongEvidence,
    double WeakEvidence,
    double ExitEvidence,
    DateTimeOffset? OccupiedSince,
    DateTimeOffset? LastUsable,
    DateTimeOffset? LastCall,
    bool Faulted,
    BayStatistics Statistics)
{
    /// <summary>The neighbour-step detector's state (<see cref="NeighbourStep"/>).</summary>
    public NeighbourState Neighbour { get; init; } = NeighbourState.Empty;

    /// <summary>The baseline when the current stay began (before neighbour steps seen during it); null while vacant.</summary>
    public Vec3? ArrivalBaseline { get; init; }

    /// <summary>A vacant bay with no baseline yet: the first usable sample becomes the baseline.</summary>
    public static BayState Initial(string bayId) =>
        new(bayId, null, Vec3.Zero, false, 0, 0, 0, null, null, null, false, BayStatistics.Empty);
}
