using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace EdgeGateway.Runtime.Tests.Replay;

/// <summary>
/// Replays the hard field set (field-b: weak cars, neighbours, passing traffic, bad pings, sensor dropouts,
/// June and December nights) and the shared sample set through <c>edge-gateway replay</c> with the defaults,
/// and scores the output against each trace's truth file (<see cref="FieldScorer"/>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class FieldReplayTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("field-replay-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("field-b/parking-bay01.csv")]
    [InlineData("field-b/parking-bay02.csv")]
    [InlineData("field-b/parking-bay03.csv")]
    [InlineData("field-b/parking-bay04.csv")]
    [InlineData("parking-bay01.csv")]
    [InlineData("parking-bay02.csv")]
    public async Task Replay_ParkingTrace_PrecisionAndRecallAtLeast99PercentWithin15s(string trace)
    {
        var lines = await FieldScorer.Replay(Config(), Out(), false, "mag1=" + FieldScorer.Trace(_folder, trace));

        var (arr, dep) = FieldScorer.Parking(lines, "bay01", FieldScorer.TruthPath(trace));

        output.WriteLine($"{trace}: arrivals P={arr.Precision:F3} R={arr.Recall:F3} {arr}; departures P={dep.Precision:F3} R={dep.Recall:F3} {dep}");
        Assert.True(arr.Precision >= 0.99 && arr.Recall >= 0.99, $"{trace} arrivals {arr}");
        Assert.True(dep.Precision >= 0.99 && dep.Recall >= 0.99, $"{trace} departures {dep}");
    }

    [Theory]
    [InlineData("field-b/bin-01.csv")]
    [InlineData("field-b/bin-02.csv")]
    [InlineData("bin-01.csv")]
    public async Task Replay_BinTrace_FillWithin2PointsOneFullPerCycleOneEmptiedPerEmptying(string trace)
    {
        var lines = await FieldScorer.Replay(Config(), Out(), true, "us1=" + FieldScorer.Trace(_folder, trace));

        var score = FieldScorer.Bin(lines, "bin-01", FieldScorer.TruthPath(trace));

        output.WriteLine($"{trace}: {score}");
        Assert.True(score.MedianErrorPts <= 2, $"{trace}: {score}");
        Assert.Empty(score.BadCycles);
        Assert.Empty(score.EarlyAlarms);
        Assert.Equal(score.TrueEmptied, score.Emptied);
        Assert.Equal(score.TrueEmptied, score.EmptiedMatched);
    }

    [Theory]
    [InlineData("field-b/light-craiova-20261218.csv", 44.3302, 23.7949, "Photocell")]
    [InlineData("field-b/light-craiova-20261218.csv", 44.3302, 23.7949, "AstroAndSensor")]
    [InlineData("field-b/light-timisoara-20260619.csv", 45.7489, 21.2087, "Photocell")]
    [InlineData("field-b/light-timisoara-20260619.csv", 45.7489, 21.2087, "AstroAndSensor")]
    public async Task Replay_LightTrace_OneSwitchPerDuskAndDawnNeverForAFlashOrDropout(string trace, double lat, double lon, string mode)
    {
        // The city's defaults for levels 16/50 lx; the delays are the gateway's defaults (not given here).
        string config = Path.Combine(_folder, "light.json");
        File.WriteAllText(config, $$$"""
            {"EdgeGateway":{"GatewayId":"replay-light","Site":{"Latitude":{{{lat.ToString(CultureInfo.InvariantCulture)}}},"Longitude":{{{lon.ToString(CultureInfo.InvariantCulture)}}},"TimeZone":"Europe/Bucharest"},
             "I2cBuses":[{"BusId":1,"Devices":[{"Id":"lux1","Kind":"bh1750","Address":35},{"Id":"pwm1","Kind":"pca9685","Address":64}]}],
             "LampGroups":[{"Id":"street-1","LightSensor":"lux1","Outputs":[{"Kind":"pwm","Device":"pwm1","Channel":0}],
               "Control":{"Mode":"{{{mode}}}","OnLevelLux":16,"OffLevelLux":50}}]}}
            """);
        var lines = await FieldScorer.Replay(config, Out(), false, "lux1=" + FieldScorer.Trace(_folder, trace));

        var s = FieldScorer.Light(lines, "street-1", FieldScorer.TruthPath(trace), 16, 50);

        output.WriteLine($"{trace} {mode}: {s}");
        // The traces start at 10:00 UTC by day: the first decision announces "off"; after it one on per dusk, one off per dawn.
        var offs = s.Offs.Skip(1).ToList();
        Assert.Equal(s.Dusks.Count, s.Ons.Count);
        Assert.Equal(s.Dawns.Count, offs.Count);
        var delays = new EdgeGateway.Runtime.Lighting.LampGroupOptions();
        for (int i = 0; i < s.Dusks.Count; i++)
        {
            output.WriteLine($"  on {s.Ons[i] - s.Dusks[i]} after the true dusk, off {offs[i] - s.Dawns[i]} after the true dawn");
            Assert.InRange((s.Ons[i] - s.Dusks[i]).TotalSeconds, -600, delays.OnDelayS + 60);
            Assert.InRange((offs[i] - s.Dawns[i]).TotalSeconds, -600, delays.OffDelayS + 60);
        }
    }

    [Fact]
    public async Task Replay_WholeFieldB_ReportsTheTime()
    {
        // A benchmark figure for the closing note, not a timed assertion: the whole field-b parking and bin set in one replay.
        string[] traces =
        [
            "mag1=" + FieldScorer.Trace(_folder, "field-b/parking-bay01.csv"), "mag2=" + FieldScorer.Trace(_folder, "field-b/parking-bay02.csv"),
            "mag3=" + FieldScorer.Trace(_folder, "field-b/parking-bay03.csv"), "mag4=" + FieldScorer.Trace(_folder, "field-b/parking-bay04.csv"),
            "us1=" + FieldScorer.Trace(_folder, "field-b/bin-01.csv"), "us2=" + FieldScorer.Trace(_folder, "field-b/bin-02.csv"),
        ];
        var clock = Stopwatch.StartNew();
        var lines = await FieldScorer.Replay(Config(), Out(), false, traces);
        clock.Stop();

        output.WriteLine($"field-b parking+bins: {lines.Count} events in {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Contains(lines, l => l.GetProperty("type").GetString() == "parking.occupied" && l.GetProperty("source").GetString() == "bay04");
        Assert.Contains(lines, l => l.GetProperty("type").GetString() == "bin.full" && l.GetProperty("source").GetString() == "bin-02");
    }

    private static string Config() => Path.Combine(AppContext.BaseDirectory, "TestData", "field-b", "replay-config.json");

    private string Out() => Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".jsonl");
}
