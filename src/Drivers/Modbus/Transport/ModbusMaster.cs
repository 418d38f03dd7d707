using EdgeGateway.Drivers.Modbus.Protocol;

namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>
/// The project's Modbus master: RTU on a serial line, Modbus TCP, or RTU frames through a TCP converter.
/// One request at a time (a bus is half-duplex; a TCP gateway usually serialises too). Each attempt waits
/// <see cref="ModbusMasterOptions.RequestTimeout"/>; timeouts, bad frames and broken links are retried
/// <see cref="ModbusMasterOptions.Retries"/> times, exception responses never (they are answers).
/// A broken link is closed and reopened by the next attempt.
/// </summary>
public sealed class ModbusMaster : IModbusClient
{
    private readonly IModbusTransport _transport;
    private readonly ModbusMasterOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private ModbusMaster(IModbusTransport transport, ModbusMasterOptions options, TimeProvider timeProvider, string endpoint, ModbusMasterCounters counters)
    {
        options.Validate();
        _transport = transport;
        _options = options;
        _timeProvider = timeProvider;
        Endpoint = endpoint;
        Counters = counters;
    }

    /// <summary>Where the master talks to, e.g. <c>rtu:/dev/ttyUSB0@19200</c> or <c>tcp:10.0.0.5:502</c>.</summary>
    public string Endpoint { get; }

    // Units whose last request went unanswered (indexed by unit id); touched under _gate only.
    private readonly bool[] _silent = new bool[256];

    /// <summary>Totals since start.</summary>
    public ModbusMasterCounters Counters { get; }

    /// <summary>A master on an RS-485 serial line (RTU framing, t3.5 silence between frames).</summary>
    public static ModbusMaster CreateRtu(SerialLineSettings settings, ModbusMasterOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        options ??= new ModbusMasterOptions();
        var time = timeProvider ?? TimeProvider.System;
        TimeSpan gap = settings.InterCharacterTimeout > options.RtuFrameGapFloor ? settings.InterCharacterTimeout : options.RtuFrameGapFloor;
        var transport = new RtuTransport(new SerialLink(settings), settings.SilentInterval, gap, time);
        return new ModbusMaster(transport, options, time, $"rtu:{settings.PortName}@{settings.BaudRate}", new ModbusMasterCounters());
    }

    /// <summary>A master for a Modbus TCP device or gateway (MBAP framing).</summary>
    public static ModbusMaster CreateTcp(string host, int port = 502, ModbusMasterOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        options ??= new ModbusMasterOptions();
        var time = timeProvider ?? TimeProvider.System;
        var counters = new ModbusMasterCounters();
        var transport = new MbapTransport(new TcpLink(host, port, options.ConnectTimeout, time), counters);
        return new ModbusMaster(transport, options, time, $"tcp:{host}:{port}", counters);
    }

    /// <summary>A master that sends RTU frames through a TCP socket (a transparent RS-485-to-Ethernet converter).</summary>
    public static ModbusMaster CreateRtuOverTcp(string host, int port, ModbusMasterOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        options ??= new ModbusMasterOptions();
        var time = timeProvider ?? TimeProvider.System;

        // The converter keeps the line's t3.5; what reaches the socket may be split into segments, so the gap is the floor.
        var transport = new RtuTransport(new TcpLink(host, port, options.ConnectTimeout, time), TimeSpan.Zero, options.RtuFrameGapFloor, time);
        return new ModbusMaster(transport, options, time, $"rtu-over-tcp:{host}:{port}", new ModbusMasterCounters());
    }

    /// <inheritdoc />
    public async Task<bool[]> ReadCoilsAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default)
    {
        var (frame, response) = await ExecuteAsync(unitId, ModbusPdu.ReadCoils(start, count), cancellationToken).ConfigureAwait(false);
        return ModbusPdu.DecodeBits(frame.AsSpan(response.DataOffset, response.DataLength), count);
    }

    /// <inheritdoc />
    public async Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default)
    {
        var (frame, response) = await ExecuteAsync(unitId, ModbusPdu.ReadDiscreteInputs(start, count), cancellationToken).ConfigureAwait(false);
        return ModbusPdu.DecodeBits(frame.AsSpan(response.DataOffset, response.DataLength), count);
    }

    /// <inheritdoc />
    public async Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default)
    {
        var (frame, response) = await ExecuteAsync(unitId, ModbusPdu.ReadHoldingRegisters(start, count), cancellationToken).ConfigureAwait(false);
        return ModbusPdu.DecodeRegisters(frame.AsSpan(response.DataOffset, response.DataLength));
    }

    /// <inheritdoc />
    public async Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default)
    {
        var (frame, response) = await ExecuteAsync(unitId, ModbusPdu.ReadInputRegisters(start, count), cancellationToken).ConfigureAwait(false);
        return ModbusPdu.DecodeRegisters(frame.AsSpan(response.DataOffset, response.DataLength));
    }

    /// <inheritdoc />
    public Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken = default) =>
        ExecuteAsync(unitId, ModbusPdu.WriteSingleCoil(address, value), cancellationToken);

    /// <inheritdoc />
    public Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken = default) =>
        ExecuteAsync(unitId, ModbusPdu.WriteSingleRegister(address, value), cancellationToken);

    /// <inheritdoc />
    public Task WriteMultipleCoilsAsync(byte unitId, ushort start, IReadOnlyList<bool> values, CancellationToken cancellationToken = default) =>
        ExecuteAsync(unitId, ModbusPdu.WriteMultipleCoils(start, values), cancellationToken);

    /// <inheritdoc />
    public Task WriteMultipleRegistersAsync(byte unitId, ushort start, IReadOnlyList<ushort> values, CancellationToken cancellationToken = default) =>
        ExecuteAsync(unitId, ModbusPdu.WriteMultipleRegisters(start, values), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _transport.Dispose();
    }

    private async Task<ModbusExchange> ExecuteAsync(byte unitId, byte[] pdu, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ModbusException? last = null;
            int attempts = _options.Retries + 1;
            for (int attempt = 1; attempt <= attempts; attempt++)
            {
                // Disposed in flight: do not reopen the link for a retry.
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (attempt > 1)
                {
                    Counters.Add(ref Counters.RetriesCount);
                }

                ModbusExchange? exchange;
                try
                {
                    (exchange, last) = await AttemptAsync(unitId, pdu, attempt, attempts, cancellationToken).ConfigureAwait(false);
                }
                catch (ModbusSlaveException)
                {
                    _silent[unitId] = false;
                    throw;
                }

                if (exchange is { } good)
                {
                    _silent[unitId] = false;
                    return good;
                }

                // Retries are for a live slave on a noisy line. A slave that left its previous request unanswered
                // too gets one attempt, not Retries + 1: a dead slave costs the bus one timeout per request.
                if (last is ModbusTimeoutException && _silent[unitId])
                {
                    break;
                }
            }

            _silent[unitId] = last is ModbusTimeoutException;
            throw last!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One attempt: the good answer, or the failure to retry; an exception response throws.</summary>
    private async Task<(ModbusExchange? Exchange, ModbusException? Failure)> AttemptAsync(byte unitId, byte[] pdu, int attempt, int attempts, CancellationToken cancellationToken)
    {
        string what = $"{Endpoint} unit {unitId} FC {pdu[0]} (attempt {attempt} of {attempts})";
        try
        {
            bool wasOpen = _transport.Link.IsOpen;
            await _transport.Link.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!wasOpen)
            {
                Counters.Add(ref Counters.ConnectsCount);
            }

            Counters.Add(ref Counters.AttemptsCount);
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            ModbusExchange exchange = await _transport.ExchangeAsync(unitId, pdu, linked.Token).ConfigureAwait(false);
            switch (exchange.Response.Status)
            {
                case ModbusResponseStatus.Good:
                    Counters.Add(ref Counters.GoodCount);
                    return (exchange, null);
                case ModbusResponseStatus.Exception:
                    Counters.Add(ref Counters.SlaveExceptionsCount);
                    throw new ModbusSlaveException(unitId, pdu[0], exchange.Response.ExceptionCode);
                default:
                    Counters.Add(ref Counters.FrameErrorsCount);
                    return (null, new ModbusFrameException(exchange.Response.FrameError, $"{what}: bad frame ({exchange.Response.FrameError}): {Convert.ToHexString(exchange.Frame)}"));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Counters.Add(ref Counters.TimeoutsCount);
            return (null, new ModbusTimeoutException($"{what}: no answer within {_options.RequestTimeout.TotalMilliseconds:0} ms"));
        }
        catch (ModbusTransportException ex)
        {
            Counters.Add(ref Counters.TransportErrorsCount);
            _transport.Link.Close();
            return (null, ex);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Counters.Add(ref Counters.TransportErrorsCount);
            _transport.Link.Close();
            return (null, new ModbusTransportException($"{what}: link failed: {ex.Message}", ex));
        }
    }
}
