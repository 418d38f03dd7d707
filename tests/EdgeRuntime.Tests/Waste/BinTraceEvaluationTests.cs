using System.Globalization;
using System.Text.Json;
using EdgeGateway.Runtime.Waste;
using Xunit.Abstractions;

namespace EdgeGateway.Runtime.Tests.Waste;

[Trait("Category", "Unit")]
public sealed class BinTraceEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Decide_Bin01Trace_MedianFillErrorWithin2PointsAndOneAlarmPerCycle()
    {
        using var truthDoc = JsonDocument.Parse(File.ReadAllText(PathOf("bin-01.truth.json")));
        var root = truthDoc.RootElement;
        var monitor = new BinMonitor(new BinOptions
        {
            EmptyDistanceMm = root.GetProperty("empty_distance_mm").GetDouble(),
            FullDistanceMm = root.GetProperty("full_distance_mm").GetDouble(),
            BlindZoneMm = root.GetProperty("blind_zone_mm").GetDouble(),
        });
        var truth = root.GetProperty("true_fill").EnumerateArray().ToDictionary(
            e => Parse(e.GetProperty("ts").GetString()!), e => e.GetProperty("fill_pct").GetDouble());
        var trueEmptied = root.GetProperty("emptied_at").EnumerateArray().Select(e => Parse(e.GetString()!)).ToList();

        var state = BinState.Initial("bin-01");
        var errors = new List<double>();
        var full = new List<DateTimeOffset>();
        var emptied = new List<DateTimeOffset>();
        foreach (var (start, pings) in PingCycleGrouper.Group(ReadPings()))
        {
            var d = monitor.Decide(state, pings, start);
            state = d.State;
            full.AddRange(d.Events.Where(e => e.Type == "bin.full").Select(e => e.Timestamp));
            emptied.AddRange(d.Events.Where(e => e.Type == "bin.emptied").Select(e => e.Timestamp));
            if (d.ValidPings > 0)
            {
                // The monitor reports 0-100 %; an overflowing bin's truth (> 100) is compared clamped.
                errors.Add(Math.Abs(d.Readings[0].Value - Math.Clamp(truth[start], 0, 100)));
            }
        }

        // True fill cycles: each upward crossing of 80 % between emptyings is one cycle needing one alarm.
        var ordered = truth.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList();
        int trueFullCycles = Enumerable.Range(1, ordered.Count - 1).Count(i => ordered[i] >= 80 && ordered[i - 1] < 80);
        errors.Sort();
        double median = errors[errors.Count / 2];
        output.WriteLine($"cycles={truth.Count} measured={errors.Count} medianErr={median:F2} p90={errors[(int)(errors.Count * 0.9)]:F2} max={errors[^1]:F1}");
        output.WriteLine($"bin.full={full.Count} (truth {trueFullCycles}) at {string.Join(", ", full.Select(t => t.ToString("O")))}");
        output.WriteLine($"bin.emptied={emptied.Count} (truth {trueEmptied.Count}) at {string.Join(", ", emptied.Select(t => t.ToString("O")))}");

        Assert.True(median <= 2.0, $"median fill error {median:F2}");
        Assert.Equal(trueFullCycles, full.Count);
        Assert.Equal(trueEmptied.Count, emptied.Count);
        Assert.All(trueEmptied.Zip(emptied), p => Assert.InRange(p.Second - p.First, TimeSpan.Zero, TimeSpan.FromMinutes(30)));
    }

    private static IEnumerable<(DateTimeOffset, double)> ReadPings() =>
        File.ReadLines(PathOf("bin-01.csv")).Skip(1).Select(line => line.Split(',')).Select(c => (
            Parse(c[0]),
            string.IsNullOrWhiteSpace(c[1]) ? double.NaN : double.Parse(c[1], CultureInfo.InvariantCulture)));

    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    private static string PathOf(string f) => Path.Combine(AppContext.BaseDirectory, "TestData", f);
}
