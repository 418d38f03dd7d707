using Microsoft.Extensions.Logging;

namespace EdgeGateway.Sync.Uplink;

/// <summary>Uplink log messages (event ids 300-399).</summary>
internal static partial class Log
{
    [LoggerMessage(300, LogLevel.Information, "Uplink online to {Broker}")]
    public static partial void Online(ILogger logger, string broker);

    [LoggerMessage(301, LogLevel.Warning, "Uplink connect attempt {Attempt} failed: {Reason}; next try in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, long attempt, string reason, TimeSpan delay);

    [LoggerMessage(302, LogLevel.Warning, "Uplink lost: {Reason}; {Unsent} records wait in the log")]
    public static partial void Lost(ILogger logger, string reason, int unsent);

    [LoggerMessage(303, LogLevel.Warning, "Broker refused record {Seq} as invalid; moved to the dead-letter collection")]
    public static partial void DeadLettered(ILogger logger, long seq);

    [LoggerMessage(304, LogLevel.Warning, "Broker refused publishes ({ReasonCode}); the queue is held, backing off {Delay}")]
    public static partial void Throttled(ILogger logger, string reasonCode, TimeSpan delay);

    [LoggerMessage(306, LogLevel.Warning, "Broker refuses the gateway: {ReasonCode} ({Detail})")]
    public static partial void Refused(ILogger logger, string reasonCode, string detail);

    [LoggerMessage(305, LogLevel.Error, "Command handler failed on {Topic}")]
    public static partial void CommandFailed(ILogger logger, string topic, Exception exception);
}
