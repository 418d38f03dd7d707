using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Devices;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Drivers.Simulation.Ultrasonic;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Parking;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Runtime.Simulation;
using EdgeGateway.Runtime.Waste;
using EdgeGateway.Sync.Log;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Runtime.Replay;

/// <summary>
/// Feeds recorded traces through the service's own drivers and loops in virtual time: each row sets the named
/// device's simulated chip (or makes it NACK for an empty row), the real driver reads it, and the same
/// <c>Step</c> the service runs on its timer decides. Distance rows are grouped into measurement cycles
/// (<see cref="PingCycleGrouper"/>) and each burst is one cycle of the bin's source.
/// </summary>
internal sealed class ReplayRunner
{
    private readonly GatewayOptions _options;
    private readonly VirtualCabinet _cabinet;
    private readonly DeviceRegistry _devices;
    private readonly PointTable _points = new();
    private readonly ReadingSink _sink;
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly ParkingService _parking;
    private readonly LightingService _lighting;
    private readonly WasteService _waste;
    private readonly List<Reading> _buffer = [];

    /// <summary>Builds the configured devices on a virtual cabinet and the loops over them.</summary>
    public ReplayRunner(GatewayOptions options, JsonlRecorder recorder)
    {
        _options = options;
        _cabinet = VirtualCabinetFactory.Create(options);
        _devices = new DeviceRegistry(options, _cabinet);
        _sink = new ReadingSink(_points, recorder);
        _parking = new ParkingService(options, _points, _sink, recorder, _clock, NullLogger<ParkingService>.Instance);
        _lighting = new LightingService(options, _devices.LampOutputs(options), _points, _sink, recorder, new NoStateStore(), new TrustedClock(), _clock, NullLogger<LightingService>.Instance);
        _waste = new WasteService(options, _cabinet, _sink, recorder, _clock, NullLogger<WasteService>.Instance, _points);
    }

    /// <summary>Checks that each trace names a configured device of the kind its header says.</summary>
    /// <exception cref="TraceException">An unknown device or a kind mismatch.</exception>
    public static void Check(GatewayOptions options, IEnumerable<TraceFile> traces)
    {
        foreach (var t in traces)
        {
            string? kind = Kind(options, t.Device);
            DeviceRole? role = t.Kind switch { TraceKind.Light => DeviceRole.LightSensor, TraceKind.Magnetometer => DeviceRole.Magnetometer, _ => null };
            string expected = role is { } r ? I2cDeviceKinds.NamesOf(r) : "distance source";
            if (kind is null)
            {
                throw new TraceException($"--trace {t.Device}={t.Path}: no configured device '{t.Device}' (I2C devices and Bins:n:DistanceSource)");
            }

            if (role is null ? kind != expected : I2cDeviceKinds.Find(kind)?.Role != role)
            {
                throw new TraceException($"--trace {t.Device}={t.Path}: the file holds {t.Kind} data but '{t.Device}' is a {kind}, not a {expected}");
            }
        }
    }

    /// <summary>Replays every trace, merged in time order; returns the number of steps.</summary>
    public int Run(IReadOnlyList<TraceFile> traces)
    {
        Check(_options, traces);
        var steps = new List<(DateTimeOffset Ts, int Order, Action<DateTimeOffset> Step)>();
        int order = 0;
        foreach (var t in traces)
        {
            if (t.Kind == TraceKind.Distance)
            {
                var source = _cabinet.DistanceSources[t.Device];
                foreach (var (start, pings) in PingCycleGrouper.Group(t.Rows.Select(r => (r.Ts, r.Values[0]))))
                {
                    steps.Add((start, order++, now => Cycle(source, pings, now)));
                }

                continue;
            }

            foreach (var (ts, values) in t.Rows)
            {
                steps.Add((ts, order++, t.Kind == TraceKind.Light ? now => Light(t.Device, values[0], now) : now => Magnetometer(t.Device, values, now)));
            }
        }

        // Stable merge: equal timestamps keep the order the traces were given in.
        foreach (var (ts, _, step) in steps.OrderBy(s => s.Ts).ThenBy(s => s.Order))
        {
            _clock.Set(ts);
            step(ts);
        }

        return steps.Count;
    }

    private void Magnetometer(string device, double[] xyz, DateTimeOffset now)
    {
        var chip = Chip(device);

        // An empty cell is a sample the bus lost: the chip NACKs, so the driver reports Bad as on a real bus.
        chip.Faulted = xyz.Any(double.IsNaN);
        if (!chip.Faulted)
        {
            ((ISimulatedMagnetometer)chip).SetField(xyz[0], xyz[1], xyz[2]);
        }

        Poll(device, now);
        _parking.Step(now);
    }

    private void Light(string device, double lux, DateTimeOffset now)
    {
        var chip = Chip(device);
        chip.Faulted = double.IsNaN(lux);
        if (!chip.Faulted)
        {
            ((ISimulatedLightSensor)chip).Lux = lux;
        }

        Poll(device, now);
        _lighting.Step(now);
    }

    private void Cycle(SimulatedUltrasonicSensor source, IReadOnlyList<double> pings, DateTimeOffset now)
    {
        source.Load(pings);
        foreach (var bin in _waste.BinsOf(source.Id))
        {
            _waste.StepBin(bin, now);
        }
    }

    private void Poll(string device, DateTimeOffset now)
    {
        _buffer.Clear();
        _devices.Find(device)!.Poll(now, _buffer);
        foreach (var r in _buffer)
        {
            _sink.Publish(r);
        }
    }

    private SimulatedI2cDevice Chip(string device)
    {
        foreach (var bus in _options.I2cBuses)
        {
            if (bus.Devices.FirstOrDefault(d => d.Id == device) is { } d)
            {
                return _cabinet.Devices[(bus.BusId, d.Address)];
            }
        }

        throw new InvalidOperationException($"No simulated chip for '{device}'.");
    }

    private static string? Kind(GatewayOptions options, string device) =>
        options.I2cBuses.SelectMany(b => b.Devices).FirstOrDefault(d => d.Id == device)?.Kind
        ?? (options.Bins.Any(b => b.DistanceSource == device) ? "distance source" : null);
}
