namespace EdgeGateway.Runtime.Lighting;

/// <summary>Local wall-clock time to an instant, deterministic across DST changes.</summary>
internal static class LocalTime
{
    /// <summary>
    /// The instant at which <paramref name="zone"/>'s clocks show <paramref name="time"/> on <paramref name="date"/>.
    /// A time skipped by a spring-forward gap (03:30 on the last Sunday of March in Europe/Bucharest) maps to
    /// the instant it would have been under the offset before the gap (so 04:30 EEST): a step never vanishes.
    /// A repeated time (03:30 on the last Sunday of October) maps to its first occurrence (summer offset).
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // The offset in force a day earlier is the one before the gap (zones change offset at most twice a year).
            offset = zone.GetUtcOffset(local.AddDays(-1));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, offset), zone);
    }

    /// <summary>The local calendar date of an instant in <paramref name="zone"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
