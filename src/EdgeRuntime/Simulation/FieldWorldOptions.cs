namespace EdgeGateway.Runtime.Simulation;

/// <summary>Rates and geometry of <see cref="FieldWorld"/>; defaults resemble the shared field traces.</summary>
internal sealed record FieldWorldOptions
{
    /// <summary>Mean vacant gap between stays in a bay.</summary>
    public TimeSpan MeanGap { get; init; } = TimeSpan.FromMinutes(40);

    /// <summary>Mean stay length (exponential, at least 3 minutes).</summary>
    public TimeSpan MeanStay { get; init; } = TimeSpan.FromMinutes(45);

    /// <summary>Weakest car signature, µT (a high-chassis SUV).</summary>
    public double MinCarUt { get; init; } = 3.5;

    /// <summary>Strongest car signature, µT (engine block right over the sensor).</summary>
    public double MaxCarUt { get; init; } = 80;

    /// <summary>Mean interval between cars passing in the lane next to a bay.</summary>
    public TimeSpan MeanPassInterval { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Sensor noise per axis, µT (1 σ).</summary>
    public double NoiseUt { get; init; } = 0.3;

    /// <summary>Bin floor distance, mm.</summary>
    public double EmptyDistanceMm { get; init; } = 1100;

    /// <summary>Full-surface distance, mm.</summary>
    public double FullDistanceMm { get; init; } = 250;

    /// <summary>Sensor blind zone, mm.</summary>
    public double BlindZoneMm { get; init; } = 200;

    /// <summary>Share of pings with no echo.</summary>
    public double NoEchoRate { get; init; } = 0.07;

    /// <summary>Share of pings that are blind-zone ringing.</summary>
    public double BlindEchoRate { get; init; } = 0.05;

    /// <summary>Hour of day (UTC) of the collection round; bins over 50 % are emptied then.</summary>
    public int CollectionHourUtc { get; init; } = 4;
}
