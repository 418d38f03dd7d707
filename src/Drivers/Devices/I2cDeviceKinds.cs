namespace EdgeGateway.Drivers.Devices;

/// <summary>Every I2C device kind the gateway knows. A new kind is its folder under <c>Devices/</c> and one line here.</summary>
public static class I2cDeviceKinds
{
    /// <summary>The kinds, in the order the configuration error lists them.</summary>
    public static IReadOnlyList<I2cDeviceKind> All { get; } =
    [
        new Bh1750.Bh1750Kind(),
        new Pca9685.Pca9685Kind(),
        new Hmc5883l.Hmc5883lKind(),
        new Sht3x.Sht3xKind(),
        new Max44009.Max44009Kind(),
    ];

    /// <summary>Every kind's name.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(All.Select(k => k.Name), StringComparer.Ordinal);

    /// <summary>The kind called <paramref name="name"/>, or null.</summary>
    public static I2cDeviceKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>The names of the kinds of <paramref name="role"/>, for error messages (<c>bh1750 or max44009</c>).</summary>
    public static string NamesOf(DeviceRole role) => string.Join(" or ", All.Where(k => k.Role == role).Select(k => k.Name));
}
