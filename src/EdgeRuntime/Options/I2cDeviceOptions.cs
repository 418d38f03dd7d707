namespace EdgeGateway.Runtime.Options;

/// <summary>One I2C device.</summary>
internal sealed class I2cDeviceOptions
{
    /// <summary>Device kinds the gateway knows: every descriptor in <see cref="Drivers.Devices.I2cDeviceKinds.All"/>.</summary>
    public static IReadOnlySet<string> Kinds => Drivers.Devices.I2cDeviceKinds.Names;

    /// <summary>Unique device id; points are named <c>{Id}.{quantity}</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>One of <see cref="Kinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>7-bit address.</summary>
    public int Address { get; set; }

    /// <summary>Polling interval for sensors.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
