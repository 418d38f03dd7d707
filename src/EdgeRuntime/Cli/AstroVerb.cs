using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeGateway.Runtime.Astro;

namespace EdgeGateway.Runtime.Cli;

/// <summary>
/// <c>edge-gateway astro --lat L --lon L --tz ZONE --date YYYY-MM-DD [--days N]</c> (CONTRACT.md, command line):
/// one JSON line per day, <c>{"date","sunrise","sunset","civilDawn","civilDusk"}</c>, each a local time with its
/// UTC offset at seconds precision (<c>2026-11-26T07:25:31+02:00</c>), or <c>null</c> when the event does not
/// happen that day (polar day or night).
/// </summary>
internal static class AstroVerb
{
    /// <summary>Exit code for bad arguments (the conventional usage-error code).</summary>
    public const int UsageError = 2;

    internal const string Usage = "usage: edge-gateway astro --lat L --lon L --tz ZONE --date YYYY-MM-DD [--days N]";

    /// <summary>Runs the verb; <paramref name="args"/> are the arguments after <c>astro</c>.</summary>
    /// <returns>0 on success, <see cref="UsageError"/> on bad arguments (with a message on stderr).</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var errors = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var key = args[i];
            if (key is not ("--lat" or "--lon" or "--tz" or "--date" or "--days"))
            {
                errors.Add($"unknown argument '{key}'");
                continue;
            }

            if (i + 1 >= args.Length)
            {
                errors.Add($"{key}: missing value");
                continue;
            }

            values[key] = args[++i];
        }

        var lat = Number(values, "--lat", -90, 90, errors);
        var lon = Number(values, "--lon", -180, 180, errors);
        var zone = Zone(values, errors);
        var date = Date(values, errors);
        var days = 1;
        if (values.TryGetValue("--days", out var d)
            && (!int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > 3660))
        {
            errors.Add($"--days: expected a whole number 1..3660, got '{d}'");
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                stderr.WriteLine($"astro: {error}");
            }

            stderr.WriteLine(Usage);
            return UsageError;
        }

        for (var n = 0; n < days; n++)
        {
            var day = SolarCalculator.Compute(date.AddDays(n), lat, lon);
            stdout.WriteLine(Line(day, zone!));
        }

        return 0;
    }

    private static string Line(SolarDay day, TimeZoneInfo zone)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps the offset readable ("+02:00", not "\u002B02:00"); the output is never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("date", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Write(json, "sunrise", day.Sunrise, zone);
            Write(json, "sunset", day.Sunset, zone);
            Write(json, "civilDawn", day.CivilDawn, zone);
            Write(json, "civilDusk", day.CivilDusk, zone);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, string name, SolarEvent solarEvent, TimeZoneInfo zone)
    {
        if (solarEvent.InZone(zone) is { } local)
        {
            // Round to the nearest second: the algorithm is good to about a minute, sub-seconds are noise.
            var rounded = new DateTimeOffset(
                (local.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond,
                local.Offset);
            json.WriteString(name, rounded.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static double Number(Dictionary<string, string> values, string key, double min, double max, List<string> errors)
    {
        if (!values.TryGetValue(key, out var text))
        {
            errors.Add($"{key}: required");
            return 0;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || value < min || value > max)
        {
            errors.Add($"{key}: expected degrees {min}..{max}, got '{text}'");
        }

        return value;
    }

    private static TimeZoneInfo? Zone(Dictionary<string, string> values, List<string> errors)
    {
        if (!values.TryGetValue("--tz", out var id))
        {
            errors.Add("--tz: required (an IANA zone such as Europe/Bucharest)");
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            errors.Add($"--tz: unknown time zone '{id}'");
            return null;
        }
    }

    private static DateOnly Date(Dictionary<string, string> values, List<string> errors)
    {
        if (!values.TryGetValue("--date", out var text))
        {
            errors.Add("--date: required (YYYY-MM-DD)");
            return default;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add($"--date: expected YYYY-MM-DD, got '{text}'");
        }

        return date;
    }
}
