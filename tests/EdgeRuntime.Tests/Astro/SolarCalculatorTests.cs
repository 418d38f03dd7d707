using System.Globalization;
using EdgeGateway.Runtime.Astro;

namespace EdgeGateway.Runtime.Tests.Astro;

[Trait("Category", "Unit")]
public sealed class SolarCalculatorTests
{
    private const string ReferenceFile = "Astro/solar_reference_2026.csv";

    // 60 s is the brief's bound; NOAA/Meeus is "about a minute" between ±72° (DESIGN.md).
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(60);

    // Near the polar-day/night edge the sun grazes the event's zenith; a minute of declination decides
    // whether an event exists at all, and the two algorithms may disagree for a day or two.
    private static readonly TimeSpan PolarEdge = TimeSpan.FromMinutes(45);

    [Fact]
    public void Compute_ReferenceTable_EveryEventWithin60sOfPyEphem()
    {
        var errors = new List<double>();
        var byPlace = new Dictionary<string, List<double>>();
        var failures = new List<string>();
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, ReferenceFile)).Skip(1).ToList();
        Assert.True(rows.Count > 2000, $"reference table has {rows.Count} rows");
        foreach (var line in rows)
        {
            var f = line.Split(',');
            var lat = double.Parse(f[1], CultureInfo.InvariantCulture);
            var lon = double.Parse(f[2], CultureInfo.InvariantCulture);
            var date = DateOnly.ParseExact(f[3], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var day = SolarCalculator.Compute(date, lat, lon);
            var before = errors.Count;
            var solarNoon = new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero).AddMinutes(-4 * lon);
            Compare(f[0], date, "sunrise", f[4], day.Sunrise, solarNoon, errors, failures);
            Compare(f[0], date, "sunset", f[5], day.Sunset, solarNoon, errors, failures);
            Compare(f[0], date, "civilDawn", f[6], day.CivilDawn, solarNoon, errors, failures);
            Compare(f[0], date, "civilDusk", f[7], day.CivilDusk, solarNoon, errors, failures);
            var place = f[0].StartsWith("grid", StringComparison.Ordinal) ? "grid43-48N" : f[0];
            byPlace.TryAdd(place, []);
            byPlace[place].AddRange(errors.Skip(before));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(errors.Count > 9000, $"compared {errors.Count} events");
        File.WriteAllLines(
            Path.Combine(AppContext.BaseDirectory, "astro-error.txt"),
            byPlace.Select(p => FormattableString.Invariant($"{p.Key}: events={p.Value.Count} max={p.Value.Max():F1}s mean={p.Value.Average():F1}s"))
                .Prepend(FormattableString.Invariant($"all: events={errors.Count} max={errors.Max():F1}s mean={errors.Average():F1}s")));
    }

    [Fact]
    public void Compute_BucharestNov26_MatchesKnownTimes()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Bucharest");
        var day = SolarCalculator.Compute(new DateOnly(2026, 11, 26), 44.4268, 26.1025);

        var sunrise = day.Sunrise.InZone(zone)!.Value;
        Assert.Equal(TimeSpan.FromHours(2), sunrise.Offset);
        Assert.InRange(sunrise.DateTime, new DateTime(2026, 11, 26, 7, 24, 0), new DateTime(2026, 11, 26, 7, 27, 0));
        Assert.True(day.Sunset.Utc > day.Sunrise.Utc);
        Assert.True(day.CivilDawn.Utc < day.Sunrise.Utc && day.CivilDusk.Utc > day.Sunset.Utc);
    }

    [Fact]
    public void Compute_PolarNightAndDay_NoEventWithSide()
    {
        var winter = SolarCalculator.Compute(new DateOnly(2026, 12, 21), 78.22, 15.65);
        var summer = SolarCalculator.Compute(new DateOnly(2026, 6, 21), 78.22, 15.65);

        Assert.False(winter.Sunrise.Occurs);
        Assert.False(winter.Sunrise.SunAlwaysAbove);
        Assert.False(summer.Sunset.Occurs);
        Assert.True(summer.Sunset.SunAlwaysAbove);
    }

    [Fact]
    public void Compute_BadLatitude_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SolarCalculator.Compute(new DateOnly(2026, 1, 1), 91, 0));
    }

    [Fact]
    public void ZenithAt_AtComputedSunset_IsOfficialZenith()
    {
        var day = SolarCalculator.Compute(new DateOnly(2026, 3, 20), 45.75, 21.21);

        var zenith = SolarCalculator.ZenithAt(day.Sunset.Utc!.Value, 45.75, 21.21);

        Assert.InRange(zenith, 90.75, 90.92);
    }

    private static void Compare(
        string place, DateOnly date, string name, string reference, SolarEvent computed, DateTimeOffset solarNoon,
        List<double> errors, List<string> failures)
    {
        if (reference.Length == 0 && !computed.Occurs)
        {
            return;
        }

        if (reference.Length == 0 || !computed.Occurs)
        {
            var present = reference.Length > 0 ? DateTimeOffset.Parse(reference, CultureInfo.InvariantCulture) : computed.Utc!.Value;
            var fromNoon = (present - solarNoon).Duration();
            var nearEdge = fromNoon < PolarEdge || (TimeSpan.FromHours(12) - fromNoon).Duration() < PolarEdge;
            if (!nearEdge)
            {
                failures.Add($"{place} {date} {name}: reference '{reference}', computed '{computed.Utc}'");
            }

            return;
        }

        var error = (computed.Utc!.Value - DateTimeOffset.Parse(reference, CultureInfo.InvariantCulture)).Duration();
        errors.Add(error.TotalSeconds);
        if (error > Tolerance)
        {
            failures.Add($"{place} {date} {name}: off by {error.TotalSeconds:F0} s");
        }
    }
}
