using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Devices;
using EdgeGateway.Drivers.Distance;
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
using EdgeGateway.Sync.Recording;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Polling;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Runtime.Replay;

/// <summary>
/// Feeds recorded traces through the service's own drivers and loops in virtual time: each row sets the named
/// device's simulated chip (or makes it NACK for an empty row), the real driver reads it, and the same
/// <c>Step</c> the service runs on its timer decides. Distance rows are grouped into measurement cycles
/// (<see cref="PingCycleGrouper"/>) and each burst is one cycle of the bin's source.
/// </summary>
internal sealed class ReplayRunner : IDisposable
{
    private readonly GatewayOptions _options;
    private readonly ServiceProvider _services;
    private readonly VirtualCabinet _cabinet;
    private readonly I2cBusPollers _buses;
    private readonly DistancePoller _distance;
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly ParkingService _parking;
    private readonly LightingService _lighting;
    private readonly WasteService _waste;

    /// <summary>Builds the configured devices on a virtual cabinet and the loops over them: the host's own parts
    /// (<see cref="GatewayComposition.AddDevices"/>, <see cref="GatewayComposition.AddControlLoops"/>), none hosted.</summary>
    public ReplayRunner(GatewayOptions options, JsonlRecorder recorder)
    {
        _options = options;
        var s = new ServiceCollection()
            .AddLogging()
            .AddSingleton(options)
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IRecorder>(recorder)
            .AddSingleton<IStateStore>(new NoStateStore())
            .AddSingleton<IClockTrust>(new TrustedClock())
            .AddDevices(options, ModbusProfiles.Load(options), _clock, virtualCabinet: true, pollers: false)
            .AddControlLoops(hosted: false)

            // Every bin's trace is replayed into the virtual cabinet's ultrasonic sensor of that id, Modbus-named too.
            .AddSingleton<IDistanceSourceFactory>(sp => sp.GetRequiredService<VirtualCabinet>());
        _services = s.BuildServiceProvider();
        _cabinet = _services.GetRequiredService<VirtualCabinet>();
        _buses = _services.GetRequiredService<I2cBusPollers>();
        _parking = _services.GetRequiredService<ParkingService>();
        _lighting = _services.GetRequiredService<LightingService>();
        _waste = _services.GetRequiredService<WasteService>();
        _distance = _services.GetRequiredService<DistancePoller>();
    }

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();

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

        _buses.Read(device, now);
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

        _buses.Read(device, now);
        _lighting.Step(now);
    }

    private void Cycle(SimulatedUltrasonicSensor source, IReadOnlyList<double> pings, DateTimeOffset now)
    {
        source.Load(pings);
        _distance.Cycle(source.Id, now);
        _waste.Step(now);
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
