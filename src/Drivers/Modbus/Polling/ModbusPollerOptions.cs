namespace EdgeGateway.Drivers.Modbus.Polling;

/// <summary>Tuning of a <see cref="ModbusBusPoller"/>'s per-slave circuit breakers and loop.</summary>
public sealed record ModbusPollerOptions
{
    /// <summary>Failed polls in a row (timeout, CRC/frame or transport error) that open a slave's breaker; at least 2.</summary>
    public int FailuresToBreak { get; init; } = 3;

    /// <summary>How long an open breaker keeps requests off the slave before one half-open trial.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Window in which the failures must fall (Polly's sampling duration; a success resets the count anyway).</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest the loop sleeps before looking at the schedule again.</summary>
    public TimeSpan MaxIdle { get; init; } = TimeSpan.FromSeconds(1);
}
