using EdgeGateway.Runtime.Parking;

namespace EdgeGateway.Runtime.Simulation;

/// <summary>
/// The street around the virtual cabinet, as a pure function of a seed and the time asked: per bay the
/// magnetic field a buried magnetometer sees (earth field + daily temperature drift + parked car's signature
/// ramped over its manoeuvre + passing traffic + sensor noise), per bin the distance an ultrasonic ping
/// measures (with no-echo and blind-zone returns), and the cabinet door a technician sometimes opens.
/// Deterministic: the same seed and time give the same answer whatever the call order (noise is a hash of
/// seed, device and time), so the host, tests and replays agree. Time comes from the caller's TimeProvider.
/// </summary>
internal sealed class FieldWorld
{
    private readonly ulong _seed;
    private readonly DateTimeOffset _start;
    private readonly Dictionary<string, BayTimeline> _bays;
    private readonly Dictionary<string, BinTimeline> _bins;
    private readonly DoorTimeline _door;

    /// <summary>Creates the world; bays and bins are named as the host's points will be.</summary>
    public FieldWorld(int seed, DateTimeOffset start, IEnumerable<string> bayIds, IEnumerable<string> binIds, FieldWorldOptions? options = null)
    {
        Options = options ?? new FieldWorldOptions();
        _seed = (ulong)seed;
        _start = start;
        _bays = bayIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => new BayTimeline(new Random(seed * 7919 + p.i), start, Options));
        _bins = binIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => new BinTimeline(new Random(seed * 104729 + p.i), start, Options));
        _door = new DoorTimeline(new Random(seed * 31), start);
    }

    /// <summary>The geometry and rates used.</summary>
    public FieldWorldOptions Options { get; }

    /// <summary>The field a bay's magnetometer reads at <paramref name="now"/>, µT.</summary>
    public Vec3 MagneticField(string bayId, DateTimeOffset now)
    {
        var bay = Bay(bayId);
        double hours = (now - _start).TotalHours;

        // Temperature drift: ~1.5 µT daily swing, coldest before dawn (sensor offset tempco + road heating).
        var drift = (1.5 * Math.Sin(2 * Math.PI * (hours - 9) / 24)) * bay.DriftAxis;
        var car = bay.CarField(now);
        var passing = bay.PassingField(now);
        ulong key = Mix(_seed, StableHash(bayId), (ulong)now.ToUnixTimeMilliseconds());
        var noise = Options.NoiseUt * new Vec3(Gauss(key, 1), Gauss(key, 2), Gauss(key, 3));
        return bay.Earth + drift + car + passing + noise;
    }

    /// <summary>Ground truth: a car is parked (settled or manoeuvring) in the bay.</summary>
    public bool IsOccupied(string bayId, DateTimeOffset now) => Bay(bayId).StayAt(now) is not null;

    /// <summary>Ground truth: the bin's fill, % (over 100 when overflowing).</summary>
    public double BinFillPct(string binId, DateTimeOffset now) => Bin(binId).FillAt(now);

    /// <summary>One ultrasonic ping at <paramref name="now"/>, mm; NaN for no echo.</summary>
    public double BinDistanceMm(string binId, DateTimeOffset now)
    {
        ulong key = Mix(_seed, StableHash(binId), (ulong)now.ToUnixTimeMilliseconds());
        double u = Uniform(key, 9);
        if (u < Options.NoEchoRate)
        {
            return double.NaN;
        }

        if (u < Options.NoEchoRate + Options.BlindEchoRate)
        {
            return Options.BlindZoneMm * (0.7 + (0.25 * Uniform(key, 10))); // transducer ringing
        }

        double fill = Bin(binId).FillAt(now);
        double surface = Options.EmptyDistanceMm - (fill / 100 * (Options.EmptyDistanceMm - Options.FullDistanceMm));
        return Math.Round(surface + (12 * Gauss(key, 11)));
    }

    /// <summary>The cabinet door is open (a technician's visit).</summary>
    public bool DoorOpen(DateTimeOffset now) => _door.OpenAt(now);

    /// <summary>A technician session is active (announced a few minutes before opening, closed after).</summary>
    public bool TechnicianSession(DateTimeOffset now) => _door.SessionAt(now);

    private BayTimeline Bay(string id) =>
        _bays.TryGetValue(id, out var b) ? b : throw new ArgumentException($"Unknown bay '{id}'.", nameof(id));

    private BinTimeline Bin(string id) =>
        _bins.TryGetValue(id, out var b) ? b : throw new ArgumentException($"Unknown bin '{id}'.", nameof(id));

    // FNV-1a: string.GetHashCode is randomised per process, and the world must be the same in every run.
    internal static ulong StableHash(string s)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (char c in s)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }

        return h;
    }

    // SplitMix64 finaliser (Steele, Lea, Flood 2014): cheap, well-mixed, process-independent.
    internal static ulong Mix(ulong a, ulong b, ulong c)
    {
        ulong z = a + (b * 0x9E3779B97F4A7C15UL) + (c * 0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    internal static double Uniform(ulong key, ulong salt) => (Mix(key, salt, 0) >> 11) * (1.0 / (1UL << 53));

    internal static double Gauss(ulong key, ulong salt)
    {
        double u1 = 1 - Uniform(key, salt * 2), u2 = Uniform(key, (salt * 2) + 1);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
