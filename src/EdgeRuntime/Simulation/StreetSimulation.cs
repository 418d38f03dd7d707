using System.Device.Gpio;
using EdgeGateway.Drivers.Gpio;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Simulation;

/// <summary>
/// Moves the virtual cabinet's street chips from <see cref="FieldWorld"/>: each bay's HMC5883L sees the bay's
/// field, each bin's ultrasonic sensor hears the bin's surface, the door pin follows the technician's visits, and
/// the SHT3x the cabinet's air (ambient plus solar gain on the box).
/// </summary>
internal sealed class StreetSimulation
{
    private readonly GatewayOptions _options;
    private readonly VirtualCabinet _cabinet;
    private readonly FieldWorld _world;
    private readonly Dictionary<string, ISimulatedMagnetometer> _bayChips = [];
    private readonly List<ISimulatedClimateSensor> _climate = [];

    public StreetSimulation(GatewayOptions options, VirtualCabinet cabinet, DateTimeOffset start)
    {
        _options = options;
        _cabinet = cabinet;
        _world = new FieldWorld(options.Simulation.Seed, start, options.ParkingBays.Select(b => b.Id), options.Bins.Select(b => b.Id));
        var devices = options.I2cBuses.SelectMany(bus => bus.Devices.Select(d => (bus.BusId, Device: d))).ToDictionary(x => x.Device.Id);
        foreach (var bay in options.ParkingBays)
        {
            if (devices.TryGetValue(bay.Magnetometer, out var m) && cabinet.Devices.GetValueOrDefault((m.BusId, m.Device.Address)) is ISimulatedMagnetometer chip)
            {
                _bayChips[bay.Id] = chip;
            }
        }

        foreach (var (busId, d) in devices.Values)
        {
            if (cabinet.Devices.GetValueOrDefault((busId, d.Address)) is ISimulatedClimateSensor chip)
            {
                _climate.Add(chip);
            }
        }

        foreach (var bin in options.Bins)
        {
            if (cabinet.DistanceSources.TryGetValue(bin.DistanceSource, out var sensor))
            {
                string id = bin.Id;
                sensor.Echo = t => _world.BinDistanceMm(id, t);
            }
        }
    }

    /// <summary>The surface distance (mm) the bin whose distance source is <paramref name="sourceId"/> shows at
    /// <paramref name="now"/>; null (no echo) when the world gives none or no bin uses that source.</summary>
    public double? DistanceFor(string sourceId, DateTimeOffset now) =>
        _options.Bins.FirstOrDefault(b => b.DistanceSource == sourceId) is { } bin && _world.BinDistanceMm(bin.Id, now) is var mm && double.IsFinite(mm)
            ? mm
            : null;

    /// <summary>The world behind the chips (ground truth for tests).</summary>
    public FieldWorld World => _world;

    /// <summary>Sets every street chip to what the world shows at <paramref name="now"/>.</summary>
    public void Update(DateTimeOffset now)
    {
        foreach (var (bayId, chip) in _bayChips)
        {
            var f = _world.MagneticField(bayId, now);
            chip.SetField(f.X, f.Y, f.Z);
        }

        if (_options.Cabinet.DoorPin is { } pin)
        {
            var openLevel = DoorContact.ParseLevel(_options.Cabinet.DoorOpenLevel);
            var closedLevel = openLevel == PinValue.High ? PinValue.Low : PinValue.High;
            _cabinet.Gpio.SetInput(pin, _world.DoorOpen(now) ? openLevel : closedLevel);
        }

        // A closed steel cabinet runs ~8 °C above the air by night and up to ~25 °C above it in full sun.
        double sun = Math.Max(0, SunPosition.ElevationDegrees(_options.Site.Latitude, _options.Site.Longitude, now));
        double air = 12 + (0.25 * sun);
        foreach (var chip in _climate)
        {
            chip.SetClimate(air + 8 + (0.3 * sun), 65 - (0.5 * sun));
        }
    }
}
