using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Polling;

/// <summary>Polling log messages (event ids 100-199).</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Warning, "Device {DeviceId} on I2C bus {BusId} stopped answering: {Reason}")]
    public static partial void DeviceFailed(ILogger logger, string deviceId, int busId, string reason);
}
