namespace EdgeGateway.Runtime.Astro;

/// <summary>Where the cabinet stands: coordinates for the astronomical clock and its IANA time zone.</summary>
/// <param name="Latitude">Degrees, north positive.</param>
/// <param name="Longitude">Degrees, east positive.</param>
/// <param name="TimeZoneId">IANA zone id, e.g. <c>Europe/Bucharest</c>; program times are local to it.</param>
internal sealed record SiteLocation(double Latitude, double Longitude, string TimeZoneId)
{
    /// <summary>Errors naming the bad key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (double.IsNaN(Latitude) || Latitude is < -90 or > 90)
        {
            errors.Add($"latitude: must be -90..90 degrees, got {Latitude}");
        }

        if (double.IsNaN(Longitude) || Longitude is < -180 or > 180)
        {
            errors.Add($"longitude: must be -180..180 degrees, got {Longitude}");
        }

        if (TryResolveZone() is null)
        {
            errors.Add($"timeZone: unknown IANA time zone '{TimeZoneId}'");
        }

        return errors;
    }

    /// <summary>The time zone, or null when the id is unknown on this system.</summary>
    public TimeZoneInfo? TryResolveZone()
    {
        if (string.IsNullOrWhiteSpace(TimeZoneId))
        {
            return null;
        }

        try
        {
            // Time zones come from /usr/share/zoneinfo (tzdata); InvariantGlobalization does not affect them.
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
