using System.Threading.Channels;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Points;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>
/// A control loop: it subscribes to the devices it uses on the <see cref="SampleHub"/>, and each step drains the
/// samples that arrived (<see cref="OnSample"/>, in arrival order, each whole) and then decides at the step's time
/// (<see cref="Decide"/>). It never reads a device: the bus pollers do all device I/O. The host steps it on its
/// period; the replay steps it after each trace row, so both run the same code.
/// </summary>
public abstract class ControlLoop : PeriodicService
{
    private readonly ChannelReader<DeviceSample> _samples;
    private readonly Dictionary<string, Reading> _inputs = new(StringComparer.Ordinal);

    /// <summary>Creates the loop, subscribed to <paramref name="devices"/>.</summary>
    protected ControlLoop(SampleHub hub, IEnumerable<string> devices, TimeProvider time, TimeSpan period, ILogger logger)
        : base(time, period, logger)
    {
        Hub = hub;
        _samples = hub.Subscribe(devices);
    }

    /// <summary>Where the loop publishes its own points (through <see cref="SampleHub.Sink"/>).</summary>
    protected SampleHub Hub { get; }

    /// <summary>Held while a step runs; commands that touch the loop's state take it too.</summary>
    protected Lock Gate { get; } = new();

    /// <summary>Drains the samples that arrived, then decides at <paramref name="now"/>.</summary>
    public void Step(DateTimeOffset now)
    {
        lock (Gate)
        {
            while (_samples.TryRead(out var sample))
            {
                OnSample(sample);
            }

            Decide(now);
        }
    }

    /// <summary>The latest reading of <paramref name="point"/> among the samples drained so far, or null.</summary>
    protected Reading? Input(string point) => point.Length > 0 && _inputs.TryGetValue(point, out var r) ? r : null;

    /// <summary>One sample of a subscribed device (under <see cref="Gate"/>). The default keeps its readings as the
    /// loop's latest inputs (<see cref="Input"/>).</summary>
    protected virtual void OnSample(DeviceSample sample)
    {
        foreach (var r in sample.Readings)
        {
            _inputs[r.Point] = r;
        }
    }

    /// <summary>The decision at <paramref name="now"/>, after the step's samples (under <see cref="Gate"/>).</summary>
    protected virtual void Decide(DateTimeOffset now)
    {
    }

    /// <inheritdoc />
    protected sealed override void Tick(DateTimeOffset now) => Step(now);
}
