namespace EdgeGateway.Runtime.Parking;

/// <summary>What the web page and /metrics show for a bay.</summary>
/// <param name="BayId">The bay.</param>
/// <param name="Occupied">The debounced decision.</param>
/// <param name="Faulted">The sensor gave nothing usable for too long.</param>
/// <param name="DeviationUt">Current filtered deviation from the baseline, µT.</param>
/// <param name="Calibrated">A baseline exists.</param>
/// <param name="Arrivals">Arrivals counted.</param>
/// <param name="OccupancyRatio">Occupied share of the observed time, 0-1.</param>
/// <param name="MeanDwell">Mean completed stay.</param>
/// <param name="LastUsable">The last usable sample's time.</param>
internal sealed record BayStatus(
    string BayId,
    bool Occupied,
    bool Faulted,
    double DeviationUt,
    bool Calibrated,
    int Arrivals,
    double OccupancyRatio,
    TimeSpan MeanDwell,
    DateTimeOffset? LastUsable);
