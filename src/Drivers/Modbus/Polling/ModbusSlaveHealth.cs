using Polly.CircuitBreaker;

namespace EdgeGateway.Drivers.Modbus.Polling;

/// <summary>A snapshot of one slave's health, for the health message and /metrics.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="UnitId">Its Modbus address.</param>
/// <param name="Requests">Requests sent (reads and writes).</param>
/// <param name="Successes">Requests answered well.</param>
/// <param name="Timeouts">Requests that got no answer.</param>
/// <param name="FrameErrors">Answers with a bad CRC or a malformed frame.</param>
/// <param name="ExceptionResponses">Exception responses, by exception code.</param>
/// <param name="TransportErrors">Link failures (port gone, connection refused).</param>
/// <param name="SkippedPolls">Polls not sent because the breaker was open.</param>
/// <param name="Breaker">The breaker's state.</param>
/// <param name="LastSuccess">When the slave last answered well.</param>
/// <param name="LastLatency">Duration of the last answered request.</param>
/// <param name="AverageLatency">Mean duration of answered requests.</param>
/// <param name="LastError">The last error's text, or null.</param>
/// <param name="FailingSince">When the current run of failed requests began; null while the slave answers.</param>
public sealed record ModbusSlaveHealth(
    string DeviceId,
    byte UnitId,
    long Requests,
    long Successes,
    long Timeouts,
    long FrameErrors,
    IReadOnlyDictionary<ModbusExceptionCode, long> ExceptionResponses,
    long TransportErrors,
    long SkippedPolls,
    CircuitState Breaker,
    DateTimeOffset? LastSuccess,
    TimeSpan? LastLatency,
    TimeSpan? AverageLatency,
    string? LastError,
    DateTimeOffset? FailingSince = null);
