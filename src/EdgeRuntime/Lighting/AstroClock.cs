using EdgeGateway.Runtime.Astro;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// The astronomical clock of one lamp group: lit from the evening event (+ offset) to the next morning event
/// (+ offset). Where an event does not happen (polar day/night), it falls back to the sun's position: lit while
/// the sun is below the evening event's zenith.
/// </summary>
internal sealed class AstroClock
{
    private readonly double _latitude;
    private readonly double _longitude;
    private readonly SolarEventKind _onEvent;
    private readonly TimeSpan _onOffset;
    private readonly SolarEventKind _offEvent;
    private readonly TimeSpan _offOffset;

    public AstroClock(SiteLocation site, LampGroupOptions options)
    {
        _latitude = site.Latitude;
        _longitude = site.Longitude;
        _onEvent = options.AstroOnEvent;
        _onOffset = TimeSpan.FromMinutes(options.AstroOnOffsetMin);
        _offEvent = options.AstroOffEvent;
        _offOffset = TimeSpan.FromMinutes(options.AstroOffOffsetMin);
    }

    /// <summary>The evening switch-on instant of <paramref name="date"/>, or null in polar day/night.</summary>
    public DateTimeOffset? OnAt(DateOnly date) => At(date, _onEvent, _onOffset);

    /// <summary>The morning switch-off instant of <paramref name="date"/>, or null in polar day/night.</summary>
    public DateTimeOffset? OffAt(DateOnly date) => At(date, _offEvent, _offOffset);

    public bool IsNight(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var d = today.AddDays(-1); d <= today; d = d.AddDays(1))
        {
            if (OnAt(d) is not { } on || OffAt(d.AddDays(1)) is not { } off)
            {
                var zenith = _onEvent == SolarEventKind.CivilDusk ? SolarCalculator.CivilZenith : SolarCalculator.OfficialZenith;
                return SolarCalculator.ZenithAt(now, _latitude, _longitude) > zenith;
            }

            if (on <= now && now < off)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="now"/> is within <paramref name="window"/> of a switch-on or switch-off.</summary>
    public bool NearSwitch(DateTimeOffset now, TimeSpan window)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var d = today.AddDays(-1); d <= today.AddDays(1); d = d.AddDays(1))
        {
            if (Near(OnAt(d), now, window) || Near(OffAt(d), now, window))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The next switch-on and switch-off after <paramref name="now"/> within two days, for the status.</summary>
    public (DateTimeOffset? NextOn, DateTimeOffset? NextOff) Next(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        DateTimeOffset? nextOn = null, nextOff = null;
        for (var d = today.AddDays(-1); d <= today.AddDays(2); d = d.AddDays(1))
        {
            nextOn ??= OnAt(d) is { } on && on > now ? on : null;
            nextOff ??= OffAt(d) is { } off && off > now ? off : null;
        }

        return (nextOn, nextOff);
    }

    private static bool Near(DateTimeOffset? at, DateTimeOffset now, TimeSpan window) =>
        at is { } t && (now - t).Duration() <= window;

    private DateTimeOffset? At(DateOnly date, SolarEventKind kind, TimeSpan offset)
    {
        var solar = SolarCalculator.Compute(date, _latitude, _longitude).Get(kind);
        return solar.Utc + offset;
    }
}
