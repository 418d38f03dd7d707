namespace EdgeGateway.Runtime.Astro;

/// <summary>
/// Sunrise, sunset and civil twilight from the NOAA solar calculator (Meeus, "Astronomical Algorithms", 2nd ed.,
/// ch. 25 low-accuracy sun; NOAA ESRL "solareqns.pdf"). Accurate to about a minute between ±72° latitude.
/// Pure and allocation-free apart from the result; longitudes are east-positive, latitudes north-positive.
/// </summary>
internal static class SolarCalculator
{
    /// <summary>Zenith of sunrise/sunset: 90° + 34' mean refraction + 16' solar semi-diameter (NOAA).</summary>
    public const double OfficialZenith = 90.833;

    /// <summary>Zenith of civil dawn/dusk: the centre 6° below the horizon.</summary>
    public const double CivilZenith = 96.0;

    /// <summary>All four events of <paramref name="date"/> at the given place.</summary>
    /// <remarks>
    /// The date is the local solar day: events are searched around the solar noon of that date at that
    /// longitude, so for longitudes far from Greenwich an event may fall on the neighbouring UTC date.
    /// </remarks>
    public static SolarDay Compute(DateOnly date, double latitude, double longitude)
    {
        Check(latitude, longitude);
        return new SolarDay(
            date,
            Event(date, latitude, longitude, OfficialZenith, rising: true),
            Event(date, latitude, longitude, OfficialZenith, rising: false),
            Event(date, latitude, longitude, CivilZenith, rising: true),
            Event(date, latitude, longitude, CivilZenith, rising: false));
    }

    /// <summary>One event of <paramref name="date"/>: the sun crossing <paramref name="zenith"/> rising or setting.</summary>
    public static SolarEvent Event(DateOnly date, double latitude, double longitude, double zenith, bool rising)
    {
        Check(latitude, longitude);
        var jd0 = JulianDay(date);

        // NOAA: start from solar noon, then iterate the event time with the sun's position at that time
        // (three passes converge to well under a second).
        var minutes = 720.0 - 4.0 * longitude;
        for (var pass = 0; pass < 3; pass++)
        {
            var t = JulianCentury(jd0 + minutes / 1440.0);
            var declination = Declination(t);
            var cosH = (Math.Cos(Rad(zenith)) / (Math.Cos(Rad(latitude)) * Math.Cos(declination)))
                - (Math.Tan(Rad(latitude)) * Math.Tan(declination));
            if (cosH > 1.0)
            {
                return new SolarEvent(null, SunAlwaysAbove: false);
            }

            if (cosH < -1.0)
            {
                return new SolarEvent(null, SunAlwaysAbove: true);
            }

            var hourAngle = Deg(Math.Acos(cosH));
            var delta = longitude + (rising ? hourAngle : -hourAngle);
            minutes = 720.0 - (4.0 * delta) - EquationOfTime(t);
        }

        var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return new SolarEvent(midnight.AddTicks((long)Math.Round(minutes * TimeSpan.TicksPerMinute)), false);
    }

    /// <summary>The sun's zenith angle (degrees, refraction ignored) at an instant and place.</summary>
    public static double ZenithAt(DateTimeOffset instant, double latitude, double longitude)
    {
        Check(latitude, longitude);
        var utc = instant.UtcDateTime;
        var jd0 = JulianDay(DateOnly.FromDateTime(utc));
        var minutes = utc.TimeOfDay.TotalMinutes;
        var t = JulianCentury(jd0 + minutes / 1440.0);
        var trueSolarMinutes = minutes + EquationOfTime(t) + (4.0 * longitude);
        var hourAngle = Rad((trueSolarMinutes / 4.0) - 180.0);
        var declination = Declination(t);
        var cosZenith = (Math.Sin(Rad(latitude)) * Math.Sin(declination))
            + (Math.Cos(Rad(latitude)) * Math.Cos(declination) * Math.Cos(hourAngle));
        return Deg(Math.Acos(Math.Clamp(cosZenith, -1.0, 1.0)));
    }

    private static void Check(double latitude, double longitude)
    {
        if (double.IsNaN(latitude) || latitude is < -90 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "latitude must be within -90..90 degrees");
        }

        if (double.IsNaN(longitude) || longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "longitude must be within -180..180 degrees");
        }
    }

    // Julian day at 0h UTC of the date (Meeus 7.1); DateOnly.DayNumber counts from 0001-01-01 = JD 1721425.5.
    private static double JulianDay(DateOnly date) => date.DayNumber + 1721425.5;

    private static double JulianCentury(double jd) => (jd - 2451545.0) / 36525.0;

    private static double Rad(double degrees) => degrees * Math.PI / 180.0;

    private static double Deg(double radians) => radians * 180.0 / Math.PI;

    private static double MeanLongitude(double t) => Normalize(280.46646 + (t * (36000.76983 + (t * 0.0003032))));

    private static double MeanAnomaly(double t) => 357.52911 + (t * (35999.05029 - (0.0001537 * t)));

    private static double Eccentricity(double t) => 0.016708634 - (t * (0.000042037 + (0.0000001267 * t)));

    private static double Normalize(double degrees) => ((degrees % 360.0) + 360.0) % 360.0;

    // Obliquity corrected for nutation (Meeus 22.2 and 25.8).
    private static double Obliquity(double t)
    {
        var seconds = 21.448 - (t * (46.8150 + (t * (0.00059 - (t * 0.001813)))));
        var e0 = 23.0 + ((26.0 + (seconds / 60.0)) / 60.0);
        return e0 + (0.00256 * Math.Cos(Rad(125.04 - (1934.136 * t))));
    }

    // Declination in radians from the apparent longitude (Meeus 25.2-25.8).
    private static double Declination(double t)
    {
        var m = Rad(MeanAnomaly(t));
        var center = (Math.Sin(m) * (1.914602 - (t * (0.004817 + (0.000014 * t)))))
            + (Math.Sin(2 * m) * (0.019993 - (0.000101 * t)))
            + (Math.Sin(3 * m) * 0.000289);
        var trueLongitude = MeanLongitude(t) + center;
        var apparent = trueLongitude - 0.00569 - (0.00478 * Math.Sin(Rad(125.04 - (1934.136 * t))));
        return Math.Asin(Math.Sin(Rad(Obliquity(t))) * Math.Sin(Rad(apparent)));
    }

    // Equation of time in minutes (Meeus 28.3, the NOAA form).
    private static double EquationOfTime(double t)
    {
        var y = Math.Pow(Math.Tan(Rad(Obliquity(t)) / 2.0), 2);
        var l0 = Rad(MeanLongitude(t));
        var e = Eccentricity(t);
        var m = Rad(MeanAnomaly(t));
        var eot = (y * Math.Sin(2 * l0)) - (2 * e * Math.Sin(m)) + (4 * e * y * Math.Sin(m) * Math.Cos(2 * l0))
            - (0.5 * y * y * Math.Sin(4 * l0)) - (1.25 * e * e * Math.Sin(2 * m));
        return Deg(eot) * 4.0;
    }
}
