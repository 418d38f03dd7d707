namespace EdgeGateway.Runtime.Options;

/// <summary>The cabinet's site: coordinates for the astronomical clock and the local time zone.</summary>
internal sealed class SiteOptions
{
    /// <summary>A human name, e.g. "Timișoara, Bd. Revoluției cabinet 12".</summary>
    public string Name { get; set; } = "";

    /// <summary>Latitude in degrees, north positive.</summary>
    public double Latitude { get; set; } = 45.7489;

    /// <summary>Longitude in degrees, east positive.</summary>
    public double Longitude { get; set; } = 21.2087;

    /// <summary>IANA time zone of the site.</summary>
    public string TimeZone { get; set; } = "Europe/Bucharest";
}
