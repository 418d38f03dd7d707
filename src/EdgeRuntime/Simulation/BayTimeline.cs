using EdgeGateway.Runtime.Parking;

namespace EdgeGateway.Runtime.Simulation;

/// <summary>One bay's stays and passing cars, generated lazily forward from its own Random.</summary>
internal sealed class BayTimeline
{
    private readonly Random _random;
    private readonly Random _traffic;
    private readonly FieldWorldOptions _options;
    private readonly List<Stay> _stays = [];
    private readonly List<(DateTimeOffset At, double Seconds, Vec3 Field)> _passes = [];
    private readonly Lock _lock = new();
    private DateTimeOffset _staysUntil;
    private DateTimeOffset _passesUntil;

    public BayTimeline(Random random, DateTimeOffset start, FieldWorldOptions options)
    {
        _random = random;

        // Traffic has its own generator so the stays do not depend on the order callers ask about times.
        _traffic = new Random(random.Next());
        _options = options;
        _staysUntil = _passesUntil = start;
        Earth = new Vec3(18 + Uniform(-3, 3), -8 + Uniform(-6, 6), -43 + Uniform(-2, 2));
        DriftAxis = Unit();
    }

    /// <summary>The local earth field (with the sensor's offsets), µT.</summary>
    public Vec3 Earth { get; }

    /// <summary>The direction the temperature drift moves the reading in.</summary>
    public Vec3 DriftAxis { get; }

    public Stay? StayAt(DateTimeOffset t)
    {
        lock (_lock)
        {
            while (_staysUntil <= t)
            {
                var arrive = _staysUntil + Exp(_options.MeanGap);
                var settled = arrive + TimeSpan.FromSeconds(Uniform(5, 25));
                var depart = settled + TimeSpan.FromMinutes(3) + Exp(_options.MeanStay);
                var gone = depart + TimeSpan.FromSeconds(Uniform(4, 15));
                double magnitude = Math.Exp(Uniform(Math.Log(_options.MinCarUt), Math.Log(_options.MaxCarUt)));
                _stays.Add(new Stay(arrive, settled, depart, gone, magnitude * Unit()));
                _staysUntil = gone;
            }

            return _stays.FindLast(s => s.Arrive <= t && t < s.Gone);
        }
    }

    public Vec3 CarField(DateTimeOffset t)
    {
        if (StayAt(t) is not { } s)
        {
            return Vec3.Zero;
        }

        // The signature builds up (with a wobble) while the car manoeuvres in, and fades as it pulls out.
        double k = t < s.Settled ? Fraction(t, s.Arrive, s.Settled) : t >= s.Depart ? 1 - Fraction(t, s.Depart, s.Gone) : 1;
        double wobble = t < s.Settled ? 0.3 * Math.Sin((t - s.Arrive).TotalSeconds) : 0;
        return (k + wobble * k) * s.Signature;
    }

    public Vec3 PassingField(DateTimeOffset t)
    {
        lock (_lock)
        {
            while (_passesUntil <= t)
            {
                _passesUntil += _options.MeanPassInterval * -Math.Log(1 - _traffic.NextDouble());
                var dir = new Vec3(_traffic.NextDouble() - 0.5, _traffic.NextDouble() - 0.5, _traffic.NextDouble() - 0.5);
                double magnitude = 1.5 + (3.5 * _traffic.NextDouble());
                _passes.Add((_passesUntil, 1 + (1.5 * _traffic.NextDouble()), magnitude / Math.Max(dir.Magnitude, 1e-3) * dir));
            }

            var hit = _passes.FindLast(p => p.At <= t && t < p.At.AddSeconds(p.Seconds));
            return hit.Seconds > 0 ? hit.Field : Vec3.Zero;
        }
    }

    private static double Fraction(DateTimeOffset t, DateTimeOffset a, DateTimeOffset b) =>
        Math.Clamp((t - a) / (b - a), 0, 1);

    private double Uniform(double a, double b) => a + ((b - a) * _random.NextDouble());

    private TimeSpan Exp(TimeSpan mean) => mean * -Math.Log(1 - _random.NextDouble());

    private Vec3 Unit()
    {
        var v = new Vec3(Uniform(-1, 1), Uniform(-1, 1), Uniform(-1, 1));
        return v.Magnitude < 1e-3 ? new Vec3(0, 0, 1) : (1 / v.Magnitude) * v;
    }

    /// <summary>One car's stay: manoeuvre in from Arrive to Settled, out from Depart to Gone.</summary>
    internal sealed record Stay(DateTimeOffset Arrive, DateTimeOffset Settled, DateTimeOffset Depart, DateTimeOffset Gone, Vec3 Signature);
}
