using EdgeGateway.Drivers.Modbus.Polling;
using EdgeGateway.Runtime.Lighting.Outputs;

namespace EdgeGateway.Runtime.Lighting.Outputs.ModbusLed;

/// <summary>
/// A lamp group output on a Modbus LED driver's dim-level register. The write goes out on the bus's own loop, so a
/// driver that stopped answering never holds up the lighting loop. A write still in flight, or one that failed,
/// surfaces as an <see cref="IOException"/> on the next <see cref="Apply"/>: the lighting loop then keeps the level
/// as not applied and sends it again on its next step.
/// </summary>
internal sealed class ModbusLampOutput(ModbusBusPoller poller, string deviceId, string writable = ModbusLampOutput.DimLevel) : ILampOutput
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
            // Still on the bus (behind a poll of a slow or dead slave): refuse rather than drop the level, so the
            // lighting loop keeps it unapplied and sends it again on its next step.
            throw new IOException($"LED driver {deviceId}: the previous write is still on the bus");
        }

        var failed = _last.Exception?.GetBaseException();
        _last = poller.WriteAsync(deviceId, writable, level);

        // Observed here so that a write the host never looks at again (at shutdown) is not an unobserved fault.
        _last.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        // A breaker that is open fails the new write at once; a write that timed out fails the next Apply.
        failed ??= _last.IsFaulted ? _last.Exception!.GetBaseException() : null;
        if (failed is not null)
        {
            throw new IOException($"LED driver {deviceId}: {failed.Message}", failed);
        }
    }
}
