namespace EdgeGateway.Drivers.Devices;

/// <summary>The point names a <see cref="DeviceRole"/> fixes, whatever the part: the control loops and the page name a
/// light sensor's lux or a magnetometer's axes through these, never through one kind's driver.</summary>
public static class RolePoints
{
    /// <summary>A light sensor's illuminance, lx.</summary>
    public static string Lux(string device) => $"{device}.lux";

    /// <summary>A magnetometer's three axes, µT.</summary>
    public static (string X, string Y, string Z) Field(string device) => ($"{device}.x", $"{device}.y", $"{device}.z");

    /// <summary>A climate sensor's temperature, °C.</summary>
    public static string Temperature(string device) => $"{device}.temperature";
}
