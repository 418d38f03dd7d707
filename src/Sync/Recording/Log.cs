using Microsoft.Extensions.Logging;

namespace EdgeGateway.Sync.Recording;

/// <summary>Recorder log messages (event ids 200-299).</summary>
internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Warning, "The log refused {Count} records ({Reason}); they stay in memory and are retried")]
    public static partial void StorageFull(ILogger logger, int count, string reason);

    [LoggerMessage(201, LogLevel.Warning, "Retention budget exceeded: dropped {Telemetry} unsent telemetry batches and {Events} unsent events")]
    public static partial void Dropped(ILogger logger, int telemetry, int events);

    [LoggerMessage(202, LogLevel.Error, "Recorder failed unexpectedly")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(203, LogLevel.Warning, "The log started afresh ({Reason}); damaged files moved to {MovedTo}; seq continues at {NextSeq}")]
    public static partial void LogReset(ILogger logger, string reason, string? movedTo, long nextSeq);
}
