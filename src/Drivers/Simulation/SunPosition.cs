namespace EdgeGateway.Drivers.Simulation;

/// <summary>
/// The sun's elevation for the world model, by the Astronomical Almanac's low-precision formulae
/// (about 0.01° between 1950 and 2050). The lighting control uses its own NOAA calculator; this one only
/// makes the simulated sky, so the two are independent on purpose.
/// </summary>
public static class SunPosition
{
    /// <summary>Elevation of the sun's centre above the horizon in degrees (no refraction).</summary>
    public static double ElevationDegrees(double latitude, double longitude, DateTimeOffset when)
    {
        double n = (when.UtcDateTime - new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc)).TotalDays;
        double meanLongitude = Normalize(280.460 + (0.9856474 * n));
        double meanAnomaly = Rad(Normalize(357.528 + (0.9856003 * n)));
        double eclipticLongitude = Rad(meanLongitude + (1.915 * Math.Sin(meanAnomaly)) + (0.020 * Math.Sin(2 * meanAnomaly)));
        double obliquity = Rad(23.439 - (0.0000004 * n));
        double declination = Math.Asin(Math.Sin(obliquity) * Math.Sin(eclipticLongitude));
        double rightAscension = Math.Atan2(Math.Cos(obliquity) * Math.Sin(eclipticLongitude), Math.Cos(eclipticLongitude));
        double siderealHours = 18.697374558 + (24.06570982441908 * n);
        double hourAngle = Rad(Normalize((siderealHours * 15) + longitude) ) - rightAscension;
        double lat = Rad(latitude);
        double sinElevation = (Math.Sin(lat) * Math.Sin(declination)) + (Math.Cos(lat) * Math.Cos(declination) * Math.Cos(hourAngle));
        return Math.Asin(Math.Clamp(sinElevation, -1, 1)) * 180 / Math.PI;
    }

    private static double Rad(double degrees) => degrees * Math.PI / 180;

    private static double Normalize(double degrees) => ((degrees % 360) + 360) % 360;
}
