namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>
/// A byte pipe to the slaves (a serial port or a TCP socket) that a transport frames on. Opened lazily; after a
/// failure the transport closes it and the next request opens it again.
/// </summary>
internal abstract class ModbusLink : IDisposable
{
    /// <summary>True while the link is open.</summary>
    public abstract bool IsOpen { get; }

    /// <summary>The open stream, opening the link first if needed.</summary>
    public abstract ValueTask<Stream> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Drops whatever input is waiting (a late answer to an earlier request) before a request goes out.</summary>
    public abstract void DiscardInput();

    /// <summary>Closes the link; the next <see cref="OpenAsync"/> opens it again.</summary>
    public abstract void Close();

    /// <inheritdoc />
    public void Dispose() => Close();
}
