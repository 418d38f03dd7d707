using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Parking;
using Xunit.Abstractions;

namespace EdgeGateway.Runtime.Tests.Parking;

/// <summary>
/// Generalisation check without new tuning: every labelled bay trace is transformed in ways that keep its truth
/// (a sensor mounted with other axes or signs, a car 20 % weaker or stronger, more noise, another offset and
/// drift) and replayed through the default <see cref="BayDetector"/>, scored with <see cref="DetectionScore"/>
/// (window [manoeuvre start - 15 s, settled/gone + 15 s]). Each (bay, augmentation) must keep arrival and
/// departure precision and recall at or above its floor (<see cref="Augmentations"/>); the figures are in docs/field.md "Robustness".
/// </summary>
[Trait("Category", "Unit")]
public sealed class BayAugmentationTests(ITestOutputHelper output)
{
    private static readonly string[] Traces =
    [
        "parking-bay01", "parking-bay02",
        "field-b/parking-bay01", "field-b/parking-bay02", "field-b/parking-bay03", "field-b/parking-bay04",
    ];

    /// <summary>
    /// Each augmentation with the floor its worst bay must keep (measured, docs/field.md "Robustness"): 0.97 where
    /// every bay scored 1.00; lower, as measured, for the noise seeds and the stress cases beyond the brief's range
    /// (0.3 µT noise, cars and neighbours 30 % weaker or 50 % stronger), so a regression there fails too.
    /// </summary>
    public static TheoryData<string, double> Augmentations => new()
    {
        { "identity", 0.97 }, { "permute-yzx", 0.97 }, { "permute-zxy", 0.97 }, { "flip-x-z", 0.97 }, { "flip-all", 0.97 },
        { "scale-0.8", 0.97 }, { "scale-1.2", 0.97 }, { "offset", 0.97 }, { "drift", 0.97 },
        { "missing-3pct", 0.97 }, { "spikes-1pct", 0.97 },
        { "noise-0.1", 0.97 }, { "noise-0.2", 0.97 }, { "noise-0.2#2", 0.97 }, { "noise-0.2#3", 0.97 },
        { "noise-0.2#4", 0.90 }, { "noise-0.2#5", 0.97 }, { "mounted-scaled-noisy", 0.90 },
        { "noise-0.3", 0.90 }, { "scale-0.7", 0.80 }, { "scale-1.5", 0.80 },
    };

    [Theory]
    [MemberData(nameof(Augmentations))]
    public void Decide_AugmentedTraces_PrecisionAndRecallAtLeastFloorPerBay(string augmentation, double floor)
    {
        var failures = new List<string>();
        foreach (var trace in Traces)
        {
            var samples = MagTrace.Read(trace + ".csv").ToList();
            var empty = EmptyField(samples);
            var transformed = Transform(samples, empty, augmentation, seed: trace.Sum(c => c) * Run(augmentation));
            var (arr, dep, events) = Score(trace, transformed);
            output.WriteLine($"{augmentation,-20} {trace,-22} arr P={arr.Precision:F3} R={arr.Recall:F3} dep P={dep.Precision:F3} R={dep.Recall:F3} (arr {arr.Matched}/{arr.Detected}/{arr.Truth}, dep {dep.Matched}/{dep.Detected}/{dep.Truth}, max err {arr.MaxAbsErrorS:F0}/{dep.MaxAbsErrorS:F0} s)");
            if (arr.Precision < floor || arr.Recall < floor || dep.Precision < floor || dep.Recall < floor)
            {
                output.WriteLine($"  events {string.Join(" ", events)}");
                output.WriteLine($"  truth  {string.Join(" ", MagTrace.Truth(trace + ".truth.json").Select(t => $"{t.EnterStart:HH:mm:ss}-{t.Arrive:HH:mm:ss}..{t.Depart:HH:mm:ss}-{t.LeaveEnd:HH:mm:ss}"))}");
                failures.Add($"{trace}: arrivals {arr}, departures {dep}");
            }
        }

        Assert.True(failures.Count == 0, augmentation + ": " + string.Join("; ", failures));
    }

    private static (DetectionScore Arrivals, DetectionScore Departures, List<string> Events) Score(string trace, IEnumerable<(DateTimeOffset Ts, MagSample Sample)> samples)
    {
        var detector = new BayDetector();
        var state = BayState.Initial(trace);
        var arrivals = new List<DateTimeOffset>();
        var departures = new List<DateTimeOffset>();
        var events = new List<string>();
        foreach (var (ts, sample) in samples)
        {
            var d = detector.Decide(state, sample, ts);
            state = d.State;
            events.AddRange(d.Events.Select(e => (e.Type == "parking.occupied" ? "+" : "-") + e.Timestamp.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)));
            arrivals.AddRange(d.Events.Where(e => e.Type == "parking.occupied").Select(e => e.Timestamp));
            departures.AddRange(d.Events.Where(e => e.Type == "parking.vacant").Select(e => e.Timestamp));
        }

        var truth = MagTrace.Truth(trace + ".truth.json");
        var tol = TimeSpan.FromSeconds(15);
        return (
            DetectionScore.Match(arrivals, truth.Select(t => (t.EnterStart, t.Arrive)).ToList(), tol),
            DetectionScore.Match(departures, truth.Select(t => (t.Depart, t.LeaveEnd)).ToList(), tol),
            events);
    }

    /// <summary>The empty bay's field: the per-axis median of the first 60 usable samples (every trace starts empty).</summary>
    private static Vec3 EmptyField(IReadOnlyList<(DateTimeOffset Ts, MagSample Sample)> samples)
    {
        var first = samples.Where(s => s.Sample.IsUsable).Take(60).Select(s => s.Sample).ToList();
        double M(Func<MagSample, double> axis) => first.Select(axis).Order().ElementAt(first.Count / 2);
        return new Vec3(M(s => s.X), M(s => s.Y), M(s => s.Z));
    }

    private static IEnumerable<(DateTimeOffset Ts, MagSample Sample)> Transform(
        IReadOnlyList<(DateTimeOffset Ts, MagSample Sample)> samples, Vec3 empty, string augmentation, int seed)
    {
        var rng = new Random(seed);
        augmentation = augmentation.Split('#')[0];
        var t0 = samples[0].Ts;
        foreach (var (ts, s) in samples)
        {
            if (!s.IsUsable || (augmentation == "missing-3pct" && rng.NextDouble() < 0.03))
            {
                // A missing sample stays missing; "missing-3pct" drops 3 % more at random.
                yield return (ts, MagSample.Missing);
                continue;
            }

            double days = (ts - t0).TotalDays;
            var v = s.Vector;
            var w = augmentation switch
            {
                "identity" => v,
                "permute-yzx" => new Vec3(v.Y, v.Z, v.X),
                "permute-zxy" => new Vec3(v.Z, v.X, v.Y),
                "flip-x-z" => new Vec3(-v.X, v.Y, -v.Z),
                "flip-all" => -v,
                "scale-0.8" => empty + (0.8 * (v - empty)),
                "scale-1.2" => empty + (1.2 * (v - empty)),
                "noise-0.1" => v + Noise(rng, 0.1),
                "noise-0.2" => v + Noise(rng, 0.2),
                "noise-0.3" => v + Noise(rng, 0.3),
                "scale-0.7" => empty + (0.7 * (v - empty)),
                "scale-1.5" => empty + (1.5 * (v - empty)),
                // A bad ping: one sample 10-30 µT off in a random direction.
                "spikes-1pct" => rng.NextDouble() < 0.01 ? v + ((10 + (20 * rng.NextDouble())) * Unit(Noise(rng, 1))) : v,
                "missing-3pct" => v,
                "offset" => v + new Vec3(25, -18, 30),
                // 4 µT a day along (3, -2, 2) plus a 1 µT daily swing on x (temperature).
                "drift" => v + (days * new Vec3(3, -2, 2)) + new Vec3(Math.Sin(2 * Math.PI * days), 0, 0),
                "mounted-scaled-noisy" => Mounted(empty + (0.85 * (v - empty))) + Noise(rng, 0.15),
                _ => throw new ArgumentOutOfRangeException(nameof(augmentation), augmentation, "unknown augmentation"),
            };
            yield return (ts, new MagSample(w.X, w.Y, w.Z, s.Quality));
        }

        static Vec3 Mounted(Vec3 v) => new(-v.Z, v.X, -v.Y);
    }

    /// <summary>The run number of "name#run" (1 without one): another noise seed.</summary>
    private static int Run(string augmentation) => augmentation.Contains('#') ? int.Parse(augmentation.Split('#')[1], System.Globalization.CultureInfo.InvariantCulture) : 1;

    private static Vec3 Unit(Vec3 v) => (1 / v.Magnitude) * v;

    private static Vec3 Noise(Random rng, double sigma) => sigma * new Vec3(Gauss(rng), Gauss(rng), Gauss(rng));

    private static double Gauss(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
