namespace EdgeGateway.Runtime.Waste;

/// <summary>Immutable state of one bin's monitor. Start from <see cref="Initial"/>.</summary>
/// <param name="BinId">The bin: events' source and point prefix.</param>
/// <param name="FillPct">The last measured fill (0-100), null before the first valid cycle.</param>
/// <param name="Armed">True when <c>bin.full</c> may fire; false from the alarm until <c>bin.emptied</c>.</param>
/// <param name="FullStreak">Consecutive cycles at or above the full level.</param>
/// <param name="PeakPct">Highest fill since the last emptying (the fill cycle's peak).</param>
/// <param name="EmptiedStreak">Consecutive cycles that look emptied.</param>
/// <param name="InvalidStreak">Consecutive cycles with no valid ping.</param>
/// <param name="Faulted">True after <c>sensor.fault</c> until <c>sensor.recovered</c>.</param>
/// <param name="FullAlarms">Count of <c>bin.full</c> raised.</param>
/// <param name="Emptyings">Count of <c>bin.emptied</c> raised.</param>
/// <param name="LastCycle">When the last cycle was decided.</param>
internal sealed record BinState(
    string BinId,
    double? FillPct,
    bool Armed,
    int FullStreak,
    double PeakPct,
    int EmptiedStreak,
    int InvalidStreak,
    bool Faulted,
    int FullAlarms,
    int Emptyings,
    DateTimeOffset? LastCycle)
{
    /// <summary>The fills of the last believed cycles, oldest first (the full alarm's filter).</summary>
    public IReadOnlyList<double> RecentFills { get; init; } = [];

    /// <summary>A bin never measured, its full alarm armed.</summary>
    public static BinState Initial(string binId) => new(binId, null, true, 0, 0, 0, 0, false, 0, 0, null);
}
