using EdgeGateway.Sync.Uplink;
using EdgeGateway.Sync.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Sync.Tests.Uplink;

[Trait("Category", "Unit")]
public sealed class ReconnectScheduleTests
{
    private readonly MqttBrokerOptions _options = new()
    {
        ReconnectDelay = TimeSpan.FromSeconds(1),
        MaxReconnectDelay = TimeSpan.FromSeconds(60),
        ProbeInterval = TimeSpan.FromSeconds(4),
    };

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void Backoff_Attempts_GrowsFromReconnectDelayToMaxNeverBelowFirst(double random)
    {
        var schedule = new ReconnectSchedule(_options, () => random);

        var delays = Enumerable.Range(0, 12).Select(schedule.Backoff).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
        Assert.InRange(delays[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.25));
        Assert.InRange(delays[^1], TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(60));
        Assert.True(delays[3] > delays[1]);
    }

    [Fact]
    public void Backoff_HugeAttempt_NoOverflow()
    {
        var schedule = new ReconnectSchedule(_options, () => 0.5);

        Assert.InRange(schedule.Backoff(int.MaxValue), TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void ProbeGap_Jitter_SpreadsOverHalfToOneAndAHalfIntervals()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), new ReconnectSchedule(_options, () => 0).ProbeGap());
        Assert.Equal(TimeSpan.FromSeconds(6), new ReconnectSchedule(_options, () => 1).ProbeGap());

        // A fleet with real randomness: gaps spread over the whole window, not in one step.
        var fleet = new ReconnectSchedule(_options);
        var gaps = Enumerable.Range(0, 1000).Select(_ => fleet.ProbeGap().TotalSeconds).ToList();
        Assert.InRange(gaps.Min(), 2, 2.2);
        Assert.InRange(gaps.Max(), 5.8, 6);
    }

    [Fact]
    public async Task WaitAsync_NoProbe_WaitsTheWholeDelayInOneTimer()
    {
        var time = new FakeTimeProvider();
        var schedule = new ReconnectSchedule(_options, () => 0.5);

        var wait = schedule.WaitAsync(TimeSpan.FromSeconds(30), null, time, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WaitAsync_ProbeAnswersOnThirdLook_ReturnsEarlyAtThatLook()
    {
        var time = new SignallingTimeProvider();
        var schedule = new ReconnectSchedule(_options, () => 0.5); // gaps of exactly 4 s
        int looks = 0;

        var wait = schedule.WaitAsync(TimeSpan.FromSeconds(60), _ => Task.FromResult(Interlocked.Increment(ref looks) == 3), time, CancellationToken.None);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(4), await time.NextTimerAsync());
            time.Advance(TimeSpan.FromSeconds(4));
        }

        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, looks);
    }

    [Fact]
    public async Task WaitAsync_DelayShorterThanAProbeGap_NoProbe()
    {
        var time = new FakeTimeProvider();
        var schedule = new ReconnectSchedule(_options, () => 0.5);
        int looks = 0;

        var wait = schedule.WaitAsync(TimeSpan.FromSeconds(3), _ => Task.FromResult(++looks > 0), time, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, looks);
    }
}
