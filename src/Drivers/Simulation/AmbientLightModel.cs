namespace EdgeGateway.Drivers.Simulation;

/// <summary>
/// Ambient illuminance at a street cabinet: clear-sky light from the sun's elevation, dimmed by slowly
/// drifting clouds, with sensor noise and the occasional headlight sweep at night. Deterministic for a seed.
/// </summary>
public sealed class AmbientLightModel
{
    // Clear-sky horizontal illuminance: about 400 lx at sunset, ~3 lx at the end of civil twilight (-6°),
    // ~0.01 lx at nautical dusk (-12°), up to ~110 klx at high noon (IES Lighting Handbook, daylight tables).
    private const double HorizonLux = 400;
    private const double CivilDuskLux = 3;
    private readonly double _latitude;
    private readonly double _longitude;
    private readonly Random _random;
    private double _cloud = 1.0;
    private DateTimeOffset? _last;

    /// <summary>Creates the model for a site.</summary>
    public AmbientLightModel(double latitude, double longitude, int seed = 1)
    {
        _latitude = latitude;
        _longitude = longitude;
        _random = new Random(seed);
    }

    /// <summary>Clear-sky illuminance in lux for a sun elevation in degrees.</summary>
    public static double ClearSkyLux(double elevation)
    {
        if (elevation >= 0)
        {
            return HorizonLux + (110_000 * Math.Pow(Math.Sin(elevation * Math.PI / 180), 1.2));
        }

        // Log-linear through twilight: a decade every ~2.7° below the horizon, floored at starlight.
        double decadesPerDegree = Math.Log10(HorizonLux / CivilDuskLux) / 6;
        return Math.Max(0.001, HorizonLux * Math.Pow(10, elevation * decadesPerDegree));
    }

    /// <summary>The illuminance the sensor sees at <paramref name="now"/>; call with increasing times.</summary>
    public double LuxAt(DateTimeOffset now)
    {
        double elevation = SunPosition.ElevationDegrees(_latitude, _longitude, now);
        double dtMinutes = _last is null ? 0 : Math.Clamp((now - _last.Value).TotalMinutes, 0, 60);
        _last = now;

        // Cloud cover is a bounded random walk (0.25 = heavy overcast, 1 = clear) that moves over tens of minutes.
        _cloud = Math.Clamp(_cloud + (Gaussian() * 0.03 * Math.Sqrt(dtMinutes)), 0.25, 1.0);
        double lux = ClearSkyLux(elevation) * _cloud;

        // 2 % sensor noise, and at night a rare headlight sweep of a few hundred lux lasting one sample.
        lux *= 1 + (0.02 * Gaussian());
        if (elevation < -3 && _random.NextDouble() < 0.002)
        {
            lux += 100 + (_random.NextDouble() * 400);
        }

        return Math.Max(0, lux);
    }

    private double Gaussian()
    {
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
