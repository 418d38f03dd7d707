using System.Device.I2c;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Devices;

/// <summary>
/// The descriptor of one I2C device kind (one folder under <c>Devices/</c>): what the configuration calls it, what it
/// is for (<see cref="Role"/>, which the other sections reference it by), the points it publishes, the addresses the
/// part can take, and how to open it on a real bus and on the virtual cabinet's. The registry, the configuration
/// validation, the virtual cabinet, the replay, <c>check</c>, the page and <c>/metrics</c> iterate
/// <see cref="I2cDeviceKinds.All"/> instead of switching on kind strings.
/// </summary>
public abstract class I2cDeviceKind
{
    /// <summary>The configuration's <c>Kind</c> (e.g. <c>bh1750</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The part, for errors and the docs (e.g. <c>ROHM BH1750FVI ambient light sensor</c>).</summary>
    public abstract string Part { get; }

    /// <summary>What the device is for.</summary>
    public abstract DeviceRole Role { get; }

    /// <summary>The points a device of this kind publishes, as <c>{id}.{quantity}</c>; empty for an actuator.</summary>
    public abstract IReadOnlyList<PointTemplate> Points { get; }

    /// <summary>The 7-bit addresses the part can be strapped to (datasheet); empty when any address is possible.</summary>
    public virtual IReadOnlyList<int> Addresses => [];

    /// <summary>True for sensors the bus poller reads; false for actuators (commanded, probed by <c>check</c>).</summary>
    public bool Polled => Points.Count > 0;

    /// <summary>The points a device with <paramref name="id"/> publishes, for <c>meta</c>.</summary>
    public IReadOnlyList<PointInfo> PointsOf(string id) => [.. Points.Select(p => new PointInfo($"{id}.{p.Quantity}", p.Unit, p.Kind, id))];

    /// <summary>What is wrong with a device of this kind at <paramref name="address"/>, or null.</summary>
    public string? AddressError(int address) =>
        Addresses.Count == 0 || Addresses.Contains(address) ? null
        : $"a {Name} answers only at {string.Join(" or ", Addresses.Select(a => $"0x{a:X2}"))} (was 0x{address:X2})";

    /// <summary>Creates the driver on its bus device: an <see cref="IPolledDevice"/> for a sensor, an
    /// <see cref="IActuator"/> otherwise. The driver receives its bus; it never opens one.</summary>
    public abstract IDevice Open(string id, I2cDevice bus, TimeSpan pollInterval);

    /// <summary>The part's register model on the virtual cabinet's bus <paramref name="busId"/>.</summary>
    public abstract SimulatedI2cDevice Simulate(int busId, int address);
}
