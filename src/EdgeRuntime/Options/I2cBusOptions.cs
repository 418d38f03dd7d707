namespace EdgeGateway.Runtime.Options;

/// <summary>One I2C bus (<c>/dev/i2c-{BusId}</c>); one polling loop per bus.</summary>
internal sealed class I2cBusOptions
{
    /// <summary>The Linux bus number.</summary>
    public int BusId { get; set; } = 1;

    /// <summary>Devices on the bus.</summary>
    public List<I2cDeviceOptions> Devices { get; set; } = [];
}
