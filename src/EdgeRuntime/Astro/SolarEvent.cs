namespace EdgeGateway.Runtime.Astro;

/// <summary>
/// The outcome of one solar event on one day: an instant, or none because the sun never crosses the
/// event's zenith that day (polar day or polar night at high latitudes).
/// </summary>
/// <param name="Utc">When the event happens, UTC; null when it does not happen that day.</param>
/// <param name="SunAlwaysAbove">
/// Only meaningful when <paramref name="Utc"/> is null: true if the sun stays above the event's zenith all day
/// (polar day for that event), false if it stays below (polar night).
/// </param>
internal readonly record struct SolarEvent(DateTimeOffset? Utc, bool SunAlwaysAbove)
{
    /// <summary>True when the event happens that day.</summary>
    public bool Occurs => Utc.HasValue;

    /// <summary>The event in the given zone's local time (offset included), or null when it does not occur.</summary>
    public DateTimeOffset? InZone(TimeZoneInfo zone) =>
        Utc is { } utc ? TimeZoneInfo.ConvertTime(utc, zone) : null;
}
