using System.Threading.Channels;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>
/// A control loop: it subscribes to the devices it uses on the <see cref="SampleHub"/>, and each step drains the
/// samples that arrived (<see cref="OnSample"/>, in arrival order, each whole) and then decides at the step's time
/// (<see cref="Decide"/>). It never reads a device: the bus pollers do all device I/O. The host steps it on its
/// period; the replay steps it after each trace row, so both run the same code.
/// </summary>
internal abstract class ControlLoop : PeriodicService
{
    private readonly ChannelReader<DeviceSample> _samples;
    private readonly Dictionary<string, Reading> _inputs = new(StringComparer.Ordinal);

    private readonly SampleHub _hub;
    private readonly IRecorder _recorder;

    /// <summary>Creates the loop, subscribed to <paramref name="devices"/>; its decisions go to <paramref name="recorder"/>.</summary>
    protected ControlLoop(SampleHub hub, IRecorder recorder, IEnumerable<string> devices, TimeProvider time, TimeSpan period, ILogger logger)
        : base(time, period, logger)
    {
        _hub = hub;
        _recorder = recorder;
        _samples = hub.Subscribe(devices);
    }

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

    /// <summary>Reads the loop's state under <see cref="Gate"/> (for commands and the page).</summary>
    protected T Locked<T>(Func<T> read)
    {
        lock (Gate)
        {
            return read();
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

    /// <summary>Publishes a reading the loop decided (a group's level, a bay's occupancy): point table and recorder.</summary>
    protected void Publish(Reading reading) => _hub.Sink.Publish(reading);

    /// <summary>Publishes a decision's readings and records its events.</summary>
    protected void Publish(IEnumerable<Reading> readings, IEnumerable<GatewayEvent> events)
    {
        foreach (var r in readings)
        {
            _hub.Sink.Publish(r);
        }

        foreach (var e in events)
        {
            _recorder.Record(e);
        }
    }

    /// <inheritdoc />
    protected sealed override void Tick(DateTimeOffset now) => Step(now);
}
