using System.Globalization;
using EdgeGateway.Runtime.Astro;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>A parsed program time: a fixed local wall time, or a solar event plus an offset.</summary>
internal readonly record struct ProgramTime(SolarEventKind? Anchor, TimeOnly Fixed, TimeSpan Offset)
{
    private static readonly (string Name, SolarEventKind Kind)[] Anchors =
    [
        ("sunset", SolarEventKind.Sunset),
        ("sunrise", SolarEventKind.Sunrise),
        ("civilDusk", SolarEventKind.CivilDusk),
        ("civilDawn", SolarEventKind.CivilDawn),
    ];

    public static bool TryParse(string? text, out ProgramTime time, out string error)
    {
        time = default;
        error = "";
        var s = (text ?? "").Trim();
        foreach (var (name, kind) in Anchors)
        {
            if (!s.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = s[name.Length..];
            var minutes = 0;
            if (rest.Length > 0 && (rest[0] is not ('+' or '-')
                || !int.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out minutes)
                || minutes is < -720 or > 720))
            {
                error = $"'{text}': expected {name}, {name}+N or {name}-N with N minutes 0..720";
                return false;
            }

            time = new ProgramTime(kind, default, TimeSpan.FromMinutes(minutes));
            return true;
        }

        if (TimeOnly.TryParseExact(s, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var fixedTime))
        {
            time = new ProgramTime(null, fixedTime, TimeSpan.Zero);
            return true;
        }

        error = $"'{text}': expected HH:mm or sunset/sunrise/civilDusk/civilDawn with an optional +N/-N minutes";
        return false;
    }

    /// <summary>The instant this time falls on in the night that starts on the evening of <paramref name="night"/>.</summary>
    public DateTimeOffset? Resolve(DateOnly night, TimeZoneInfo zone, SiteLocation site)
    {
        if (Anchor is not { } kind)
        {
            // Noon-to-noon nights: afternoon/evening times belong to the evening's date, morning ones to the next day.
            var date = Fixed.Hour >= 12 ? night : night.AddDays(1);
            return LocalTime.ToInstant(date, Fixed, zone);
        }

        var day = kind is SolarEventKind.Sunset or SolarEventKind.CivilDusk ? night : night.AddDays(1);
        return SolarCalculator.Compute(day, site.Latitude, site.Longitude).Get(kind).Utc + Offset;
    }
}
