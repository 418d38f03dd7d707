namespace EdgeGateway.Runtime.Parking;

/// <summary>Immutable state of one bay's detector. Start from <see cref="Initial"/>.</summary>
/// <param name="BayId">The bay, used as the events' source and the point prefix.</param>
/// <param name="Baseline">The empty bay's field now (drift and neighbours' steps followed), µT; null until the first usable sample.</param>
/// <param name="Deviation">The filtered field minus <paramref name="Baseline"/>, µT.</param>
/// <param name="Occupied">The decision.</param>
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
    DateTimeOffset? OccupiedSince,
    DateTimeOffset? LastUsable,
    DateTimeOffset? LastCall,
    bool Faulted,
    BayStatistics Statistics)
{
    /// <summary>The field read as settled levels and moves (<see cref="FieldSegments"/>).</summary>
    public SegmentState Segments { get; init; } = SegmentState.Empty;

    /// <summary>The parked car's field (settled level minus the empty bay) while occupied.</summary>
    public Vec3 Car { get; init; }

    /// <summary>The largest <see cref="Car"/> magnitude of this stay, µT.</summary>
    public double CarMax { get; init; }

    /// <summary>The empty bay before the last departure, while that departure's manoeuvre may still go on.</summary>
    public Vec3? EmptyBefore { get; init; }

    /// <summary>
    /// Where the car's own arrival manoeuvre came back to the empty bay (a weak car's stages): the departure is held
    /// until the manoeuvre ends there, and dropped if it goes on to a car's level.
    /// </summary>
    public Vec3? HeldDeparture { get; init; }

    /// <summary>When the last move (of at least 0.3 µT) ended: moves closer together are one manoeuvre.</summary>
    public DateTimeOffset? LastMoveEnd { get; init; }

    /// <summary>The last move taken as a neighbour's step by its shape alone (undone if the manoeuvre goes on).</summary>
    public Vec3? TentativeStep { get; init; }

    /// <summary>Directions (either sign) of the one-sample steps seen at this bay, with counts: its neighbours.</summary>
    public IReadOnlyList<NeighbourDirection> Neighbours { get; init; } = [];

    /// <summary>A vacant bay with no baseline yet: the first usable sample becomes the baseline.</summary>
    public static BayState Initial(string bayId) =>
        new(bayId, null, Vec3.Zero, false, null, null, null, false, BayStatistics.Empty);
}

/// <summary>A neighbour's step seen <paramref name="Count"/> times at this bay (mean change, sign-normalised).</summary>
/// <param name="Step">The mean step, µT.</param>
/// <param name="Count">How many steps matched it.</param>
internal sealed record NeighbourDirection(Vec3 Step, int Count)
{
    /// <summary>The sign (against <see cref="Step"/>) of the last step taken as this neighbour's: +1, -1, 0 before any.</summary>
    public int LastSign { get; init; }

    /// <summary>That last step, µT.</summary>
    public Vec3? LastStep { get; init; }
}
