namespace EdgeGateway.Runtime.Parking;

/// <summary>Running per-bay statistics kept in <see cref="BayState"/>.</summary>
/// <param name="Arrivals">Number of <c>parking.occupied</c> transitions.</param>
/// <param name="Departures">Number of <c>parking.vacant</c> transitions.</param>
/// <param name="ObservedTime">Time covered by calls to the detector while the sensor was healthy.</param>
/// <param name="OccupiedTime">Part of <paramref name="ObservedTime"/> spent occupied.</param>
/// <param name="DwellTotal">Sum of completed stays (arrival to departure).</param>
internal sealed record BayStatistics(
    int Arrivals,
    int Departures,
    TimeSpan ObservedTime,
    TimeSpan OccupiedTime,
    TimeSpan DwellTotal)
{
    /// <summary>No history.</summary>
    public static BayStatistics Empty { get; } = new(0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Occupied share of the observed time, 0-1.</summary>
    public double OccupancyRatio => ObservedTime > TimeSpan.Zero ? OccupiedTime / ObservedTime : 0;

    /// <summary>Mean of completed stays; zero before the first departure.</summary>
    public TimeSpan MeanDwell => Departures > 0 ? DwellTotal / Departures : TimeSpan.Zero;
}
