namespace EdgeGateway.Drivers.Devices;

/// <summary>A configured device's driver.</summary>
public interface IDevice
{
    /// <summary>The configured device id.</summary>
    string Id { get; }
}
