using EdgeGateway.Runtime.Parking;
using Xunit.Abstractions;

namespace EdgeGateway.Runtime.Tests.Parking;

[Trait("Category", "Unit")]
public sealed class BayTraceEvaluationTests(ITestOutputHelper output)
{
    // Every bay of the shared sample set and of field-b (weak cars, neighbours, passing traffic, drift).
    [Theory]
    [InlineData("parking-bay01")]
    [InlineData("parking-bay02")]
    [InlineData("field-b/parking-bay01")]
    [InlineData("field-b/parking-bay02")]
    [InlineData("field-b/parking-bay03")]
    [InlineData("field-b/parking-bay04")]
    public void Decide_FieldTrace_PrecisionAndRecallAtLeast99Percent(string trace)
    {
        var detector = new BayDetector();
        var state = BayState.Initial(trace);
        var arrivals = new List<DateTimeOffset>();
        var departures = new List<DateTimeOffset>();
        foreach (var (ts, sample) in MagTrace.Read(trace + ".csv"))
        {
            var d = detector.Decide(state, sample, ts);
            state = d.State;
            arrivals.AddRange(d.Events.Where(e => e.Type == "parking.occupied").Select(e => e.Timestamp));
            departures.AddRange(d.Events.Where(e => e.Type == "parking.vacant").Select(e => e.Timestamp));
        }

        var truth = MagTrace.Truth(trace + ".truth.json");
        var tol = TimeSpan.FromSeconds(15);
        var arr = DetectionScore.Match(arrivals, truth.Select(t => (t.EnterStart, t.Arrive)).ToList(), tol);
        var dep = DetectionScore.Match(departures, truth.Select(t => (t.Depart, t.LeaveEnd)).ToList(), tol);
        output.WriteLine($"{trace} arrivals  {arr} P={arr.Precision:P1} R={arr.Recall:P1}");
        output.WriteLine($"{trace} departures {dep} P={dep.Precision:P1} R={dep.Recall:P1}");
        foreach (var t in truth)
        {
            output.WriteLine($"{trace} truth {t.EnterStart:HH:mm:ss}-{t.Arrive:HH:mm:ss} .. {t.Depart:HH:mm:ss}-{t.LeaveEnd:HH:mm:ss}");
        }

        output.WriteLine(trace + " arr " + string.Join(" ", arrivals.Select(a => a.ToString("HH:mm:ss"))));
        output.WriteLine(trace + " dep " + string.Join(" ", departures.Select(a => a.ToString("HH:mm:ss"))));
        var st = BayDetector.Status(state);
        output.WriteLine($"{trace} status {st}");

        Assert.True(arr.Precision >= 0.99 && arr.Recall >= 0.99, $"arrivals {arr}");
        Assert.True(dep.Precision >= 0.99 && dep.Recall >= 0.99, $"departures {dep}");
        Assert.Equal(truth.Count, st.Arrivals);
    }
}
