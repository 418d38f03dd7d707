namespace EdgeGateway.Runtime.Waste;

/// <summary>
/// One bin's geometry and alarm settings. Distances are from the ultrasonic sensor in the lid, mm.
/// </summary>
internal sealed record BinOptions
{
    /// <summary>Distance to the bin floor: fill 0 %.</summary>
    public double EmptyDistanceMm { get; init; } = 1100;

    /// <summary>Distance to the surface of a full bin: fill 100 %.</summary>
    public double FullDistanceMm { get; init; } = 250;

    /// <summary>Echoes nearer than this are the transducer's own ringing (blind zone), not the surface.</summary>
    public double BlindZoneMm { get; init; } = 200;

    /// <summary>Echoes farther than the floor by more than this are multipath, not the surface.</summary>
    public double BeyondFloorToleranceMm { get; init; } = 150;

    /// <summary><c>bin.full</c> at or above this fill, % (DESIGN.md: 80 % by default).</summary>
    public double FullLevelPct { get; init; } = 80;

    /// <summary>Consecutive cycles with the filtered fill at or above <see cref="FullLevelPct"/> before <c>bin.full</c>.</summary>
    public int FullConfirmCycles { get; init; } = 2;

    /// <summary>The full alarm's filter: the median of this many last believed fills (odd; a stray cycle cannot trip it).</summary>
    public int FilterCycles { get; init; } = 3;

    /// <summary>Pings within this distance (mm) of each other agree on one surface.</summary>
    public double AgreeMm { get; init; } = 60;

    /// <summary>A group of at least this many agreeing pings is believed wherever it lies (a real emptying or filling).</summary>
    public int AgreeingPings { get; init; } = 3;

    /// <summary>Agreeing echoes this close (mm) above the blind zone are believed only near the last fill (stray cone echoes).</summary>
    public double StrayMarginMm { get; init; } = 60;

    /// <summary>A smaller group is believed only within this many fill points of the last fill.</summary>
    public double PlausibleJumpPts { get; init; } = 15;

    /// <summary>An emptying is a drop of at least this many points from the fill cycle's peak ...</summary>
    public double EmptiedDropPts { get; init; } = 30;

    /// <summary>... to below this fill, % ...</summary>
    public double EmptiedBelowPct { get; init; } = 30;

    /// <summary>... held for this many consecutive cycles (a bag lying on the sensor's cone is not an emptying).</summary>
    public int EmptiedConfirmCycles { get; init; } = 2;

    /// <summary>Cycles with no valid ping before <c>sensor.fault</c>.</summary>
    public int FaultAfterCycles { get; init; } = 3;

    /// <summary>Throws <see cref="ArgumentException"/> on inconsistent geometry or levels.</summary>
    public BinOptions Validate()
    {
        if (!(BlindZoneMm >= 0 && FullDistanceMm < EmptyDistanceMm && FullDistanceMm > 0))
        {
            throw new ArgumentException(
                $"Bin geometry needs 0 < full ({FullDistanceMm} mm) < empty ({EmptyDistanceMm} mm) and a blind zone >= 0.");
        }

        if (FullLevelPct is <= 0 or > 100 || EmptiedBelowPct >= FullLevelPct || FullConfirmCycles < 1
            || EmptiedConfirmCycles < 1 || FaultAfterCycles < 1 || FilterCycles < 1 || FilterCycles % 2 == 0
            || AgreeingPings < 1 || !(AgreeMm > 0) || !(PlausibleJumpPts > 0) || !(StrayMarginMm >= 0))
        {
            throw new ArgumentException("Bin levels need 0 < emptied-below < full <= 100, cycle counts >= 1, an odd filter and positive agreement settings.");
        }

        return this;
    }
}
