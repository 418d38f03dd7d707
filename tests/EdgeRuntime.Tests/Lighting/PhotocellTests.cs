using EdgeGateway.Drivers.Core;
using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Unit")]
public sealed class PhotocellTests
{
    private static readonly PhotocellOptions Options = new() { OnLux = 16, OffLux = 48, OnDelay = TimeSpan.FromSeconds(60), OffDelay = TimeSpan.FromSeconds(90) };
    private static readonly DateTimeOffset Dusk = new(2026, 11, 26, 14, 30, 0, TimeSpan.Zero);

    /// <summary>Feeds one sample a second; returns the times at which the lamps switched, and the final state.</summary>
    private static (List<(DateTimeOffset At, bool On)> Switches, PhotocellState State) Run(PhotocellState state, DateTimeOffset start, IEnumerable<double> luxPerSecond)
    {
        var switches = new List<(DateTimeOffset, bool)>();
        var now = start;
        foreach (double lux in luxPerSecond)
        {
            var d = Photocell.Decide(state, lux, double.IsNaN(lux) ? Quality.Bad : Quality.Good, Options, now);
            state = d.State;
            if (d.Switched)
            {
                switches.Add((now, state.On));
            }

            now = now.AddSeconds(1);
        }

        return (switches, state);
    }

    [Fact]
    public void Decide_DuskWithNoise_SwitchesOnExactlyOnceAfterTheDelay()
    {
        // An hour of exponential dusk from 400 lx to 0.4 lx with 15 % multiplicative noise.
        var random = new Random(42);
        var lux = Enumerable.Range(0, 3600).Select(s => 400 * Math.Exp(-s / 520.0) * (1 + (0.15 * ((random.NextDouble() * 2) - 1)))).ToList();
        int trueCrossing = lux.Select((l, i) => (l, i)).First(x => 400 * Math.Exp(-x.i / 520.0) < 16).i;

        var (switches, state) = Run(PhotocellState.Initial, Dusk, lux);

        var on = Assert.Single(switches);
        Assert.True(on.On);
        Assert.True(state.On);
        double lateBy = (on.At - Dusk.AddSeconds(trueCrossing)).TotalSeconds;
        Assert.InRange(lateBy, 40, 60 + 60);
    }

    [Fact]
    public void Decide_TwoSecondFlashesAtNight_NeverSwitchOff()
    {
        // A dark night at 2 lx with a 2-second 600 lx headlight flash every 45 s and a lightning strike.
        var lux = Enumerable.Range(0, 4 * 3600).Select(s => s % 45 is 0 or 1 ? 600.0 : s == 5000 ? 20_000.0 : 2.0);
        var night = new PhotocellState(On: true, PendingSince: null);

        var (switches, state) = Run(night, Dusk.AddHours(4), lux);

        Assert.Empty(switches);
        Assert.True(state.On);
    }

    [Fact]
    public void Decide_DarkCloudFor30SecondsByDay_DoesNotSwitchOn()
    {
        var lux = Enumerable.Range(0, 600).Select(s => s is >= 100 and < 130 ? 8.0 : 5000.0);

        var (switches, _) = Run(PhotocellState.Initial, Dusk.AddHours(-4), lux);

        Assert.Empty(switches);
    }

    [Fact]
    public void Decide_NoiseInTheHysteresisBand_NeverToggles()
    {
        var random = new Random(1);
        var lux = Enumerable.Range(0, 7200).Select(_ => 20 + (random.NextDouble() * 25)); // 20-45 lx: between the levels

        var fromOff = Run(PhotocellState.Initial, Dusk, lux);
        var fromOn = Run(new PhotocellState(true, null), Dusk, lux);

        Assert.Empty(fromOff.Switches);
        Assert.Empty(fromOn.Switches);
    }

    [Fact]
    public void Decide_BadReadings_HoldStateAndTimer()
    {
        // Dark for 40 s, 30 s of bus errors, dark again: the timer keeps running through the gap.
        var lux = Enumerable.Repeat(5.0, 40).Concat(Enumerable.Repeat(double.NaN, 30)).Concat(Enumerable.Repeat(5.0, 10));

        var (switches, state) = Run(PhotocellState.Initial, Dusk, lux);

        var on = Assert.Single(switches);
        Assert.Equal(Dusk.AddSeconds(70), on.At);
        Assert.True(state.On);
    }

    [Fact]
    public void Decide_DuskThenDawn_OneOnAndOneOff()
    {
        var night = Enumerable.Range(0, 14 * 3600).Select(s => s < 1800 ? 400 - (s * 0.22) : s < 13 * 3600 ? 0.5 : (s - (13 * 3600)) * 0.2);

        var (switches, state) = Run(PhotocellState.Initial, Dusk, night);

        Assert.Equal([true, false], switches.Select(s => s.On));
        Assert.False(state.On);
    }
}
