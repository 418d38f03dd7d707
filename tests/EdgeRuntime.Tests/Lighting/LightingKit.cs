using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Astro;
using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

/// <summary>Shared fixtures: a Bucharest cabinet, readings, and a driver that feeds a controller step by step.</summary>
internal sealed class LightingKit
{
    public static readonly SiteLocation Bucharest = new(44.4268, 26.1025, "Europe/Bucharest");

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Bucharest");

    public LightingKit(LampGroupOptions options)
    {
        Controller = new LampGroupController(options, Bucharest);
    }

    public LampGroupController Controller { get; }

    public LampGroupState State { get; set; } = LampGroupState.Initial;

    public int Level { get; private set; }

    public List<GatewayEvent> Events { get; } = [];

    public static LampGroupOptions Options(LightingMode mode) => new()
    {
        Id = "g1",
        Mode = mode,
        OnLevelLux = 16,
        OffLevelLux = 48,
        OnDelayS = 60,
        OffDelayS = 60,
        SensorMaxAgeS = 60,
    };

    /// <summary>A local Bucharest wall time as an instant (must be unambiguous).</summary>
    public static DateTimeOffset Local(int y, int mo, int d, int h, int mi, int s = 0)
    {
        var local = new DateTime(y, mo, d, h, mi, s, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static Reading Lux(DateTimeOffset at, double lux, Quality quality = Quality.Good) =>
        new("light.ambient.lux", at, lux, quality);

    public static Reading Power(DateTimeOffset at, double watts, Quality quality = Quality.Good) =>
        new("lamp.g1.power", at, watts, quality);

    public static SolarDay Sun(DateOnly date) => SolarCalculator.Compute(date, Bucharest.Latitude, Bucharest.Longitude);

    /// <summary>One decision; the light reading (if any) is sampled at <paramref name="now"/>.</summary>
    public LampGroupOutput Step(DateTimeOffset now, double? lux, bool clock = true, double? watts = null)
    {
        var inputs = new LampGroupInputs(
            lux is { } l ? Lux(now, l) : null,
            clock,
            watts is { } w ? Power(now, w) : null);
        return StepWith(now, inputs);
    }

    public LampGroupOutput StepWith(DateTimeOffset now, LampGroupInputs inputs)
    {
        var (state, output) = Controller.Decide(State, inputs, now);
        State = state;
        Level = output.Level;
        Events.AddRange(output.Events);
        return output;
    }

    /// <summary>Steps every <paramref name="period"/> from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public void Run(DateTimeOffset from, DateTimeOffset to, TimeSpan period, Func<DateTimeOffset, double?> lux, bool clock = true, Func<DateTimeOffset, double?>? watts = null)
    {
        for (var t = from; t < to; t += period)
        {
            Step(t, lux(t), clock, watts?.Invoke(t));
        }
    }

    public List<GatewayEvent> EventsOf(string type) => Events.Where(e => e.Type == type).ToList();

    public List<GatewayEvent> LightEvents() => Events.Where(e => e.Type.StartsWith("light.", StringComparison.Ordinal)).ToList();
}
