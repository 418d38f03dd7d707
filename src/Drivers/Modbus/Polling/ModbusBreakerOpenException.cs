namespace EdgeGateway.Drivers.Modbus.Polling;

/// <summary>
/// A request was refused without touching the bus because the slave's circuit breaker is open: it failed
/// repeatedly and is left alone until its break period ends.
/// </summary>
internal sealed class ModbusBreakerOpenException : ModbusException
{
    /// <summary>Creates the exception.</summary>
    public ModbusBreakerOpenException(string deviceId, byte unitId, Exception? inner = null)
        : base($"device {deviceId} (unit {unitId}) is not answering: its circuit breaker is open, request refused", inner)
    {
        DeviceId = deviceId;
    }

    /// <summary>The device whose breaker is open.</summary>
    public string DeviceId { get; }
}
