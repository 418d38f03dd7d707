using EdgeGateway.Drivers.Modbus.Polling;
using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Modbus;

/// <summary>
/// A lamp group output on a Modbus LED driver's dim-level register. The write goes out on the bus's own loop, so a
/// driver that stopped answering never holds up the lighting loop; a write that failed surfaces as an
/// <see cref="IOException"/> on the next <see cref="Apply"/> (the lighting loop rewrites its outputs periodically,
/// so the level is sent again once the driver answers).
/// </summary>
public sealed class ModbusLampOutput(ModbusBusPoller poller, string deviceId, string writable = ModbusLampOutput.DimLevel) : ILampOutput
{
    /// <summary>The writable point a generic LED driver profile names for its dim level.</summary>
    public const string DimLevel = "dimLevel";

    private Task _last = Task.CompletedTask;

    /// <inheritdoc />
    public string Name => $"{deviceId}.{writable}";

    /// <inheritdoc />
    public void Apply(int level)
    {
        if (!_last.IsCompleted)
        {
            // The previous write is still on the bus; the periodic rewrite sends the newest level after it.
            return;
        }

        var failed = _last.Exception?.GetBaseException();
        _last = poller.WriteAsync(deviceId, writable, level);

        // A breaker that is open fails the new write at once; a write that timed out fails the next Apply.
        failed ??= _last.IsFaulted ? _last.Exception!.GetBaseException() : null;
        if (failed is not null)
        {
            throw new IOException($"LED driver {deviceId}: {failed.Message}", failed);
        }
    }
}
