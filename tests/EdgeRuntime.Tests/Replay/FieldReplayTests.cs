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
