namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>
/// Per-master totals since start (for /metrics). Per-slave health is the poller's: it classifies the exceptions.
/// </summary>
public sealed class ModbusMasterCounters
{
    internal long AttemptsCount;
    internal long GoodCount;
    internal long SlaveExceptionsCount;
    internal long TimeoutsCount;
    internal long FrameErrorsCount;
    internal long TransportErrorsCount;
    internal long RetriesCount;
    internal long StaleDiscardedCount;
    internal long ConnectsCount;

    /// <summary>Frames sent (every attempt, retries included).</summary>
    public long Attempts => Interlocked.Read(ref AttemptsCount);

    /// <summary>Good answers.</summary>
    public long Good => Interlocked.Read(ref GoodCount);

    /// <summary>Exception responses received.</summary>
    public long SlaveExceptions => Interlocked.Read(ref SlaveExceptionsCount);

    /// <summary>Attempts that got no complete answer in time.</summary>
    public long Timeouts => Interlocked.Read(ref TimeoutsCount);

    /// <summary>Attempts answered by a malformed frame.</summary>
    public long FrameErrors => Interlocked.Read(ref FrameErrorsCount);

    /// <summary>Attempts that failed on the link (connect refused, reset, port gone).</summary>
    public long TransportErrors => Interlocked.Read(ref TransportErrorsCount);

    /// <summary>Attempts that were retries.</summary>
    public long Retries => Interlocked.Read(ref RetriesCount);

    /// <summary>MBAP frames discarded for carrying another transaction id.</summary>
    public long StaleDiscarded => Interlocked.Read(ref StaleDiscardedCount);

    /// <summary>Successful opens of the link (the first connect and every reconnect).</summary>
    public long Connects => Interlocked.Read(ref ConnectsCount);

    internal void Add(ref long counter) => Interlocked.Increment(ref counter);
}
