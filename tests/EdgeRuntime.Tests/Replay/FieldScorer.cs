using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using EdgeGateway.Runtime.Cli;
using EdgeGateway.Runtime.Tests.Parking;

namespace EdgeGateway.Runtime.Tests.Replay;

/// <summary>
/// Scores what <c>edge-gateway replay</c> wrote against a trace's <c>.truth.json</c> (shared/traces formats):
/// parking arrivals/departures (precision, recall, within 15 s of the manoeuvre), bin fill error and alarms,
/// photocell switches per dusk and dawn. Traces live in TestData (field-b gzipped).
/// </summary>
internal static class FieldScorer
{
    public static readonly TimeSpan ParkingTolerance = TimeSpan.FromSeconds(15);

    /// <summary>The path of a test-data file; a <c>.csv.gz</c> is unpacked into <paramref name="folder"/> first.</summary>
    public static string Trace(string folder, string relative)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", relative);
        if (File.Exists(path))
        {
            return path;
        }

        string csv = Path.Combine(folder, relative.Replace('/', '_'));
        if (!File.Exists(csv))
        {
            using var gz = new GZipStream(File.OpenRead(path + ".gz"), CompressionMode.Decompress);
            using var file = File.Create(csv);
            gz.CopyTo(file);
        }

        return csv;
    }

    public static string TruthPath(string relativeCsv) =>
        Path.Combine(AppContext.BaseDirectory, "TestData", relativeCsv[..^".csv".Length] + ".truth.json");

    public static async Task<List<JsonElement>> Replay(string config, string outFile, bool readings, params string[] traces)
    {
        var args = new List<string> { "replay", "--config", config, "--out", outFile };
        foreach (var t in traces)
        {
            args.AddRange(["--trace", t]);
        }

        if (readings)
        {
            args.Add("--readings");
        }

        var stderr = new StringWriter();
        int rc = await CommandLine.RunAsync([.. args], new StringWriter(), stderr);
        if (rc != 0)
        {
            throw new InvalidOperationException($"replay exited {rc}: {stderr}");
        }

        return [.. File.ReadLines(outFile).Select(l => JsonDocument.Parse(l).RootElement)];
    }

    public static List<DateTimeOffset> Times(IEnumerable<JsonElement> lines, string source, string type) =>
        [.. lines.Where(e => e.TryGetProperty("type", out var t) && t.GetString() == type && e.GetProperty("source").GetString() == source)
            .Select(e => Parse(e.GetProperty("ts").GetString()!))];

    public static (DetectionScore Arrivals, DetectionScore Departures) Parking(IReadOnlyList<JsonElement> lines, string bay, string truthFile)
    {
        var truth = MagTrace.Truth(truthFile);
        return (
            DetectionScore.Match(Times(lines, bay, "parking.occupied"), [.. truth.Select(t => (t.EnterStart, t.Arrive))], ParkingTolerance),
            DetectionScore.Match(Times(lines, bay, "parking.vacant"), [.. truth.Select(t => (t.Depart, t.LeaveEnd))], ParkingTolerance));
    }

    /// <summary>Bin figures: median |fill − true fill| over good/uncertain readings, and the alarm checks.</summary>
    public static BinScore Bin(IReadOnlyList<JsonElement> lines, string bin, string truthFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(truthFile));
        var truth = doc.RootElement.GetProperty("true_fill").EnumerateArray()
            .Select(e => (Ts: Parse(e.GetProperty("ts").GetString()!), Fill: e.GetProperty("fill_pct").GetDouble())).ToList();
        var byTs = truth.ToDictionary(t => t.Ts, t => t.Fill);
        var emptiedTruth = doc.RootElement.GetProperty("emptied_at").EnumerateArray().Select(e => Parse(e.GetString()!)).ToList();

        var errors = new List<double>();
        foreach (var r in lines.Where(e => e.TryGetProperty("point", out var p) && p.GetString() == bin + ".fill"))
        {
            var ts = Parse(r.GetProperty("ts").GetString()!);
            if (r.GetProperty("quality").GetString() != "bad" && r.GetProperty("value").ValueKind == JsonValueKind.Number
                && byTs.TryGetValue(ts, out double fill))
            {
                errors.Add(Math.Abs(r.GetProperty("value").GetDouble() - Math.Clamp(fill, 0, 100)));
            }
        }

        errors.Sort();
        var full = Times(lines, bin, "bin.full");
        var emptied = Times(lines, bin, "bin.emptied");

        // Fill cycles run from one true emptying to the next; each that reaches 80 % needs exactly one alarm.
        var bounds = new List<DateTimeOffset> { DateTimeOffset.MinValue };
        bounds.AddRange(emptiedTruth);
        bounds.Add(DateTimeOffset.MaxValue);
        var badCycles = new List<string>();
        for (int i = 0; i + 1 < bounds.Count; i++)
        {
            var (from, to) = (bounds[i], bounds[i + 1]);
            bool reaches = truth.Any(t => t.Ts >= from && t.Ts < to && t.Fill >= 80);
            int alarms = full.Count(t => t >= from && t < to);
            if (alarms != (reaches ? 1 : 0))
            {
                badCycles.Add($"cycle from {from:MM-dd HH:mm}: {alarms} bin.full, reaches 80 % {reaches}");
            }
        }

        var early = full.Where(t => TrueFillAt(truth, t) < 78).Select(t => $"{t:MM-dd HH:mm} at true {TrueFillAt(truth, t):F1} %").ToList();
        var matched = emptiedTruth.Count(t => emptied.Any(e => e >= t && e - t <= TimeSpan.FromMinutes(30)));
        return new BinScore(
            errors.Count > 0 ? errors[errors.Count / 2] : double.NaN, errors.Count, full.Count, badCycles, early,
            emptied.Count, emptiedTruth.Count, matched);
    }

    /// <summary>Light figures: each evening's first true fall below <paramref name="onLux"/> is a dusk, each morning's first rise above <paramref name="offLux"/> a dawn.</summary>
    public static LightScore Light(IReadOnlyList<JsonElement> lines, string group, string truthFile, double onLux, double offLux)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(truthFile));
        var crossings = doc.RootElement.GetProperty("true_crossings");
        var dusks = FirstPerHalfDay(crossings.GetProperty(Key(onLux)).GetProperty("falling"), evening: true);
        var dawns = FirstPerHalfDay(crossings.GetProperty(Key(offLux)).GetProperty("rising"), evening: false);
        var ons = Times(lines, group, "light.on");
        var offs = Times(lines, group, "light.off");
        return new LightScore(dusks, dawns, ons, offs);
    }

    private static string Key(double lux) => lux.ToString(CultureInfo.InvariantCulture);

    private static double TrueFillAt(List<(DateTimeOffset Ts, double Fill)> truth, DateTimeOffset t) =>
        truth.LastOrDefault(x => x.Ts <= t).Fill;

    private static List<DateTimeOffset> FirstPerHalfDay(JsonElement times, bool evening) =>
        [.. times.EnumerateArray().Select(e => Parse(e.GetString()!))
            .Where(t => t.Hour >= 12 == evening).GroupBy(t => t.Date).Select(g => g.Min())];

    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);
}

/// <summary>One bin's replay figures.</summary>
internal sealed record BinScore(
    double MedianErrorPts, int Measured, int FullAlarms, IReadOnlyList<string> BadCycles, IReadOnlyList<string> EarlyAlarms,
    int Emptied, int TrueEmptied, int EmptiedMatched)
{
    public override string ToString() =>
        $"median error {MedianErrorPts:F2} pts over {Measured} cycles; bin.full {FullAlarms} (wrong cycles: {BadCycles.Count}, below 78 %: {EarlyAlarms.Count}); "
        + $"bin.emptied {Emptied} for {TrueEmptied} true ({EmptiedMatched} matched within 30 min)"
        + (BadCycles.Count + EarlyAlarms.Count > 0 ? " [" + string.Join("; ", BadCycles.Concat(EarlyAlarms)) + "]" : "");
}

/// <summary>One light trace's replay figures: the true dusks/dawns and the switches.</summary>
internal sealed record LightScore(
    IReadOnlyList<DateTimeOffset> Dusks, IReadOnlyList<DateTimeOffset> Dawns, IReadOnlyList<DateTimeOffset> Ons, IReadOnlyList<DateTimeOffset> Offs)
{
    public override string ToString() =>
        $"{Dusks.Count} dusks, {Dawns.Count} dawns; light.on at {string.Join(" ", Ons.Select(t => t.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))}; "
        + $"light.off at {string.Join(" ", Offs.Select(t => t.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))}";
}
