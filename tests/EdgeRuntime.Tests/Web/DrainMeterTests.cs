using EdgeGateway.Runtime.Web;

namespace EdgeGateway.Runtime.Tests.Web;

[Trait("Category", "Unit")]
public sealed class DrainMeterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Observe_BacklogDrainingAtTenASecond_ProgressRateAndEstimate()
    {
        var meter = new DrainMeter();

        var first = meter.Observe(T0, 1000, 0);
        var later = meter.Observe(T0.AddSeconds(30), 700, 300);

        Assert.Equal(1000, first.Peak);
        Assert.Null(first.RatePerS); // no second has passed yet
        Assert.Null(first.EtaS);
        Assert.Equal(700, later.Left);
        Assert.Equal(1000, later.Peak);
        Assert.Equal(10, later.RatePerS);
        Assert.Equal(70, later.EtaS);
        Assert.Equal(0.3, later.Progress, 3);
    }

    [Fact]
    public void Observe_NothingAcknowledged_NoEstimate_EmptyBacklogResetsThePeak()
    {
        var meter = new DrainMeter();
        meter.Observe(T0, 50, 10);

        var stuck = meter.Observe(T0.AddSeconds(20), 60, 10);
        var empty = meter.Observe(T0.AddSeconds(40), 0, 70);
        var again = meter.Observe(T0.AddSeconds(50), 5, 70);

        Assert.Equal(0, stuck.RatePerS);
        Assert.Null(stuck.EtaS);
        Assert.Equal(60, stuck.Peak);
        Assert.Equal(1, empty.Progress);
        Assert.Equal(0, empty.EtaS);
        Assert.Equal(5, again.Peak);
    }

    [Fact]
    public void Observe_RateWindow_OnlyTheLastMinuteCounts()
    {
        var meter = new DrainMeter();
        meter.Observe(T0, 1000, 0);
        meter.Observe(T0.AddSeconds(30), 900, 100);

        // 100 in the first 30 s, then 600 in the next 60 s: the rate is the last minute's (600 / 60 s).
        var now = meter.Observe(T0.AddSeconds(90), 300, 700);

        Assert.Equal(10, now.RatePerS);
        Assert.Equal(30, now.EtaS);
    }
}
