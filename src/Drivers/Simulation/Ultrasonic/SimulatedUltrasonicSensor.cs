using EdgeGateway.Drivers.Distance;

namespace EdgeGateway.Drivers.Simulation.Ultrasonic;

/// <summary>
/// A simulated ultrasonic level sensor in a bin's lid. Each cycle fires <see cref="PingsPerCycle"/> pings
/// <see cref="PingSpacing"/> apart (the field units: 5 pings 60 ms apart). The distance of each ping comes from a
/// burst loaded for the next cycle (<see cref="Load"/>, the replay), else from the world model
/// (<see cref="Echo"/>, the live virtual cabinet), else no echo. <see cref="Faulted"/> makes it not answer.
/// </summary>
public sealed class SimulatedUltrasonicSensor(string id, int pingsPerCycle = 5) : IDistanceSource
{
    private readonly Lock _gate = new();
    private IReadOnlyList<double>? _loaded;

    /// <inheritdoc />
    public string Id { get; } = id;

    /// <summary>Pings fired per cycle when the world model answers.</summary>
    public int PingsPerCycle { get; } = pingsPerCycle;

    /// <summary>Time between pings of a burst (lets the previous echo die out).</summary>
    public TimeSpan PingSpacing { get; init; } = TimeSpan.FromMilliseconds(60);

    /// <summary>The world: the distance one ping at a given instant measures, mm (NaN = no echo).</summary>
    public Func<DateTimeOffset, double>? Echo { get; set; }

    /// <summary>When true the sensor does not answer (<see cref="IOException"/>), like a cut RS-485 line.</summary>
    public bool Faulted { get; set; }

    /// <summary>Cycles fired so far.</summary>
    public long Cycles { get; private set; }

    /// <summary>Sets the exact distances the next cycle reports (a recorded burst).</summary>
    public void Load(IReadOnlyList<double> pingsMm)
    {
        lock (_gate)
        {
            _loaded = pingsMm;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<double> PingCycle(DateTimeOffset now)
    {
        lock (_gate)
        {
            Cycles++;
            if (Faulted)
            {
                throw new IOException($"Ultrasonic sensor '{Id}' does not answer");
            }

            if (_loaded is { } burst)
            {
                _loaded = null;
                return burst;
            }

            var echo = Echo;
            return [.. Enumerable.Range(0, PingsPerCycle).Select(i => echo is null ? double.NaN : echo(now + (i * PingSpacing)))];
        }
    }
}
