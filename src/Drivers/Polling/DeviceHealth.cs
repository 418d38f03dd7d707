namespace EdgeGateway.Drivers.Polling;

/// <summary>Counters a device keeps about its own reads, for the health message and the technician page.</summary>
public sealed class DeviceHealth
{
    /// <summary>Reads attempted.</summary>
    public long Reads { get; private set; }

    /// <summary>Reads that failed.</summary>
    public long Failures { get; private set; }

    /// <summary>Failures since the last success.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>When the device last answered.</summary>
    public DateTimeOffset? LastSuccess { get; private set; }

    /// <summary>The last error message, if the last read failed.</summary>
    public string? LastError { get; private set; }

    /// <summary>When the current run of failures began (the first failed read after the last success); null while it answers.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    /// <summary>True while the device answers.</summary>
    public bool Ok => ConsecutiveFailures == 0 && LastSuccess is not null;

    /// <summary>Records a successful read.</summary>
    public void Success(DateTimeOffset now)
    {
        Reads++;
        ConsecutiveFailures = 0;
        LastSuccess = now;
        LastError = null;
        FailingSince = null;
    }

    /// <summary>Records a failed read at <paramref name="now"/> (when known: it starts <see cref="FailingSince"/>).</summary>
    public void Failure(string error, DateTimeOffset? now = null)
    {
        FailingSince ??= now;
        Reads++;
        Failures++;
        ConsecutiveFailures++;
        LastError = error;
    }
}
