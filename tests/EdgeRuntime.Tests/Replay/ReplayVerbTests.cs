using System.Globalization;
using System.Text.Json;
using EdgeGateway.Runtime.Cli;
using EdgeGateway.Runtime.Tests.Parking;
using Xunit.Abstractions;

namespace EdgeGateway.Runtime.Tests.Replay;

[Trait("Category", "Integration")]
public sealed class ReplayVerbTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("replay-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Run_SharedTraces_ParkingPrecisionRecall99AndOneBinAlarmPerCycle()
    {
        string outFile = Path.Combine(_folder, "events.jsonl");
        var (rc, _, err) = await Run("--config", Data("replay-config.json"), "--trace", "mag1=" + Data("parking-bay01.csv"),
            "--trace", "mag2=" + Data("parking-bay02.csv"), "--trace", "us1=" + Data("bin-01.csv"), "--out", outFile);
        Assert.True(rc == 0, err);
        var events = File.ReadLines(outFile).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        foreach (var (bay, trace) in new[] { ("bay01", "parking-bay01"), ("bay02", "parking-bay02") })
        {
            var truth = MagTrace.Truth(trace + ".truth.json");
            var arr = DetectionScore.Match(Times(events, bay, "parking.occupied"), truth.Select(t => (t.EnterStart, t.Arrive)).ToList(), TimeSpan.FromSeconds(15));
            var dep = DetectionScore.Match(Times(events, bay, "parking.vacant"), truth.Select(t => (t.Depart, t.LeaveEnd)).ToList(), TimeSpan.FromSeconds(15));
            output.WriteLine($"{bay} arrivals {arr} departures {dep}");
            Assert.True(arr.Precision >= 0.99 && arr.Recall >= 0.99, $"{bay} arrivals {arr}");
            Assert.True(dep.Precision >= 0.99 && dep.Recall >= 0.99, $"{bay} departures {dep}");
        }

        using var binTruth = JsonDocument.Parse(File.ReadAllText(Data("bin-01.truth.json")));
        var fill = binTruth.RootElement.GetProperty("true_fill").EnumerateArray().Select(e => e.GetProperty("fill_pct").GetDouble()).ToList();
        int fullCycles = Enumerable.Range(1, fill.Count - 1).Count(i => fill[i] >= 80 && fill[i - 1] < 80);
        Assert.Equal(fullCycles, Times(events, "bin-01", "bin.full").Count);
        Assert.Equal(binTruth.RootElement.GetProperty("emptied_at").GetArrayLength(), Times(events, "bin-01", "bin.emptied").Count);
    }

    [Theory]
    [InlineData("Photocell")]
    [InlineData("AstroAndSensor")]
    public async Task Run_LightTrace_OneOnPerDuskOneOffPerDawnWithinDelayPlusAMinuteNeverForAFlash(string mode)
    {
        // Two nights in Timișoara at 5 s, with noise, headlight flashes and dropouts (shared/traces, gzipped in test data).
        string trace = Path.Combine(_folder, "light.csv");
        using (var gz = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Lighting", "Data", "light-timisoara-20261005.csv.gz")), System.IO.Compression.CompressionMode.Decompress))
        using (var csv = File.Create(trace))
        {
            await gz.CopyToAsync(csv);
        }

        string config = Write("light.json", $$$"""
            {"EdgeGateway":{"GatewayId":"replay-light","Site":{"Latitude":45.7489,"Longitude":21.2087,"TimeZone":"Europe/Bucharest"},
             "I2cBuses":[{"BusId":1,"Devices":[{"Id":"lux1","Kind":"bh1750","Address":35},{"Id":"pwm1","Kind":"pca9685","Address":64}]}],
             "LampGroups":[{"Id":"street-1","LightSensor":"lux1","Outputs":[{"Kind":"pwm","Device":"pwm1","Channel":0}],
               "Control":{"Mode":"{{{mode}}}","OnLevelLux":16,"OffLevelLux":50,"OnDelayS":60,"OffDelayS":90}}]}}
            """);
        string outFile = Path.Combine(_folder, "light.jsonl");

        var (rc, _, err) = await Run("--config", config, "--trace", "lux1=" + trace, "--out", outFile);

        Assert.True(rc == 0, err);
        var events = File.ReadLines(outFile).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lighting", "Data", "light-timisoara-20261005.truth.json")));
        var crossings = truth.RootElement.GetProperty("true_crossings");
        // The true light wiggles across a level a few times within a minute; each evening's first fall below 16 lx is
        // its dusk, each morning's first rise above 50 lx its dawn.
        var dusks = FirstPerHalfDay(crossings.GetProperty("16").GetProperty("falling"), evening: true);
        var dawns = FirstPerHalfDay(crossings.GetProperty("50").GetProperty("rising"), evening: false);
        var ons = Times(events, "street-1", "light.on");
        // The first decision (10:00, by day) announces the initial "off"; after it, one on per dusk, one off per dawn.
        var start = DateTimeOffset.Parse("2026-10-05T10:00:00Z", CultureInfo.InvariantCulture);
        Assert.Equal(start, Times(events, "street-1", "light.off")[0]);
        var offs = Times(events, "street-1", "light.off").Skip(1).ToList();
        Assert.Equal(dusks.Count, ons.Count);
        Assert.Equal(dawns.Count, offs.Count);
        for (int i = 0; i < dusks.Count; i++)
        {
            output.WriteLine($"{mode}: on {ons[i]:HH:mm:ss} (true 16 lx {dusks[i]:HH:mm:ss}), off {offs[i]:HH:mm:ss} (true 50 lx {dawns[i]:HH:mm:ss})");
            Assert.InRange((ons[i] - dusks[i]).TotalSeconds, 0, 60 + 60);
            Assert.InRange((offs[i] - dawns[i]).TotalSeconds, 0, 90 + 60);
        }
    }

    [Fact]
    public async Task Run_WithReadings_WritesOccupancyAndMagnetometerReadings()
    {
        string trace = Write("short.csv", "ts,x,y,z\n2026-11-02T00:00:00.000Z,18,-9,-43\n2026-11-02T00:00:01.000Z,,,\n");
        string outFile = Path.Combine(_folder, "r.jsonl");

        var (rc, _, err) = await Run("--config", Data("replay-config.json"), "--trace", "mag1=" + trace, "--out", outFile, "--readings");

        Assert.True(rc == 0, err);
        var lines = File.ReadAllLines(outFile);
        Assert.Contains(lines, l => l.Contains("\"point\":\"mag1.x\"", StringComparison.Ordinal) && l.Contains("\"quality\":\"bad\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"point\":\"bay01.occupied\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ts,lux,extra\n2026-10-05T10:00:00Z,1,2\n", "mag1", ":1: header")]
    [InlineData("ts,x,y,z\n2026-11-02T00:00:00Z,1,abc,3\n", "mag1", ":2: 'abc' is not a number")]
    [InlineData("ts,x,y,z\n2026-11-02T00:00:00Z,1,2,3\n", "nosuch", "no configured device 'nosuch'")]
    [InlineData("ts,lux\n2026-11-02T00:00:00Z,1\n", "mag1", "is a hmc5883l")]
    public async Task Run_BadTrace_Exit2WithFileAndLine(string content, string device, string expected)
    {
        string trace = Write("bad.csv", content);

        var (rc, _, err) = await Run("--config", Data("replay-config.json"), "--trace", $"{device}={trace}", "--out", Path.Combine(_folder, "o.jsonl"));

        Assert.Equal(2, rc);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingTraceFile_Exit2NamingIt()
    {
        string missing = Path.Combine(_folder, "missing.csv");

        var (rc, _, err) = await Run("--config", Data("replay-config.json"), "--trace", "mag1=" + missing, "--out", Path.Combine(_folder, "o.jsonl"));

        Assert.Equal(2, rc);
        Assert.Contains(missing, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadConfig_Exit2NamingTheKey()
    {
        string config = Write("bad.json", """{"EdgeGateway":{"GatewayId":"x","ParkingBays":[{"Id":"bay01","Magnetometer":"nope"}]}}""");

        var (rc, _, err) = await Run("--config", config, "--trace", "mag1=" + Data("parking-bay01.csv"), "--out", Path.Combine(_folder, "o.jsonl"));

        Assert.Equal(2, rc);
        Assert.Contains("EdgeGateway:ParkingBays:0:Magnetometer", err, StringComparison.Ordinal);
    }

    private static List<DateTimeOffset> FirstPerHalfDay(JsonElement times, bool evening) =>
        [.. times.EnumerateArray().Select(e => DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture))
            .Where(t => t.Hour >= 12 == evening).GroupBy(t => t.Date).Select(g => g.Min())];

    private static List<DateTimeOffset> Times(List<JsonElement> events, string source, string type) =>
        [.. events.Where(e => e.GetProperty("source").GetString() == source && e.GetProperty("type").GetString() == type)
            .Select(e => DateTimeOffset.Parse(e.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture))];

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Rc, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = await CommandLine.RunAsync(["replay", .. args], stdout, stderr);
        return (rc, stdout.ToString(), stderr.ToString());
    }
}
