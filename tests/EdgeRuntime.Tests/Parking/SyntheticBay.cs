using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Parking;

namespace EdgeGateway.Runtime.Tests.Parking;

/// <summary>Runs a detector over a synthetic 1 Hz field: earth field + f(t) + Gaussian noise (0.3 µT/axis).</summary>
internal sealed class SyntheticBay(int seed)
{
    private static readonly Vec3 Earth = new(18, -8, -43);
    private readonly Random _random = new(seed);

    public static DateTimeOffset Start { get; } = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    public (BayState State, List<GatewayEvent> Events) Run(TimeSpan length, Func<double, Vec3> extra, BayDetector? detector = null)
    {
        detector ??= new BayDetector();
        var state = BayState.Initial("bay-s");
        var events = new List<GatewayEvent>();
        for (int t = 0; t <= (int)length.TotalSeconds; t++)
        {
            var v = Earth + extra(t) + new Vec3(Noise(), Noise(), Noise());
            var d = detector.Decide(state, new MagSample(v.X, v.Y, v.Z, Quality.Good), Start.AddSeconds(t));
            state = d.State;
            events.AddRange(d.Events);
        }

        return (state, events);
    }

    /// <summary>A smooth 0→1 ramp between t0 and t1 (a car manoeuvring in).</summary>
    public static double Ramp(double t, double t0, double t1) => Math.Clamp((t - t0) / (t1 - t0), 0, 1);

    private double Noise()
    {
        // Box-Muller: sensor noise ~0.3 µT per axis, as in the field traces.
        double u1 = 1 - _random.NextDouble(), u2 = _random.NextDouble();
        return 0.3 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
