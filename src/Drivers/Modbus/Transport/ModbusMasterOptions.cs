namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>How a <see cref="ModbusMaster"/> waits and retries.</summary>
public sealed class ModbusMasterOptions
{
    /// <summary>How long one attempt waits for a complete answer (default 1 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Extra attempts after a timeout, a bad frame or a broken link (default 1). Exception responses are
    /// answers and are never retried; a unit that left its previous request unanswered gets no retry after a
    /// timeout (one timeout per request for a dead slave) until it answers again.
    /// </summary>
    public int Retries { get; set; } = 1;

    /// <summary>How long a TCP connect may take (default 3 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The smallest inter-character gap that ends an RTU frame whose length the reader cannot predict (default 20 ms).
    /// The spec's t1.5 is below a millisecond; a Linux tty (and a USB adapter's latency timer, 16 ms on FTDI) delivers
    /// bytes in bursts, so a shorter gap would cut frames. Frames of a known shape end on their expected length instead.
    /// </summary>
    public TimeSpan RtuFrameGapFloor { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Throws when an option is unusable.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(Retries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(RtuFrameGapFloor, TimeSpan.Zero);
    }
}
