using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using EdgeGateway.Drivers.Modbus.Protocol;

namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// Simulated slaves behind one TCP listener on 127.0.0.1, speaking Modbus TCP or RTU-over-TCP. Each unit id maps to a
/// <see cref="ModbusRegisterBank"/>; a unit that is not present does not answer (as on a real bus). Per-unit
/// <see cref="ModbusSlaveFaults"/> make it silent, slow, corrupt, or answer as another unit or transaction.
/// Used by the unit tests, the benchmark and <c>--simulate</c>. Stop and start again on the same <see cref="Port"/>.
/// </summary>
internal sealed class ModbusTcpSlaveServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<byte, ModbusRegisterBank> _units = new();
    private readonly ConcurrentDictionary<byte, ModbusSlaveFaults> _faults = new();
    private readonly ConcurrentDictionary<byte, int> _requests = new();
    private readonly ConcurrentDictionary<TcpClient, Task> _connections = new();
    private readonly TimeProvider _timeProvider;
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task _acceptLoop = Task.CompletedTask;

    /// <summary>Creates a stopped server; <paramref name="port"/> 0 lets the OS pick one at <see cref="Start"/>.</summary>
    public ModbusTcpSlaveServer(ModbusTcpSlaveMode mode = ModbusTcpSlaveMode.Mbap, int port = 0, TimeProvider? timeProvider = null)
    {
        Mode = mode;
        Port = port;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The framing on the sockets.</summary>
    public ModbusTcpSlaveMode Mode { get; }

    /// <summary>The listening port (the OS's pick after the first <see cref="Start"/> with port 0).</summary>
    public int Port { get; private set; }

    /// <summary>Raised with the unit id each time a well-framed request arrives (before faults apply).</summary>
    public event Action<byte>? RequestReceived;

    /// <summary>Adds (or replaces) a unit; returns its bank.</summary>
    public ModbusRegisterBank AddUnit(byte unitId, ModbusRegisterBank? bank = null) => _units[unitId] = bank ?? new ModbusRegisterBank();

    /// <summary>Removes a unit: it stops answering.</summary>
    public void RemoveUnit(byte unitId) => _units.TryRemove(unitId, out _);

    /// <summary>Sets the faults of a unit (<see cref="ModbusSlaveFaults.None"/> clears them).</summary>
    public void SetFaults(byte unitId, ModbusSlaveFaults faults) => _faults[unitId] = faults;

    /// <summary>How many well-framed requests addressed <paramref name="unitId"/>.</summary>
    public int RequestCount(byte unitId) => _requests.GetValueOrDefault(unitId);

    /// <summary>Starts listening on 127.0.0.1:<see cref="Port"/>.</summary>
    public void Start()
    {
        if (_listener is not null)
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, Port);

        // Restarting on the same port must not wait for TIME_WAIT of the connections the stop closed.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _stop = new CancellationTokenSource();
        _acceptLoop = AcceptAsync(listener, _stop.Token);
    }

    /// <summary>Stops listening and closes every connection (masters see the link break).</summary>
    public async Task StopAsync()
    {
        if (_listener is null || _stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var client in _connections.Keys)
        {
            client.Dispose();
        }

        await Task.WhenAll([_acceptLoop, .. _connections.Values]).ConfigureAwait(false);
        _connections.Clear();
        _stop.Dispose();
        _listener = null;
        _stop = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            client.NoDelay = true;
            _connections[client] = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                while (!cancellationToken.IsCancellationRequested)
                {
                    if (Mode == ModbusTcpSlaveMode.Mbap)
                    {
                        await ServeMbapAsync(stream, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await ServeRtuAsync(client, stream, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The master went away or the server stops: the connection simply ends.
        }
        finally
        {
            _connections.TryRemove(client, out _);
        }
    }

    private async Task ServeMbapAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        byte[] header = new byte[ModbusAdu.MbapHeaderLength];
        await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
        int length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
        if (length < 2 || length > ModbusAdu.MaxMbapLength)
        {
            throw new IOException("bad MBAP header");
        }

        byte[] pdu = new byte[length - 1];
        await stream.ReadExactlyAsync(pdu, cancellationToken).ConfigureAwait(false);
        ushort transactionId = BinaryPrimitives.ReadUInt16BigEndian(header);
        byte unitId = header[6];
        if (await AnswerAsync(unitId, pdu, cancellationToken).ConfigureAwait(false) is not var (answerUnit, response, faults))
        {
            return;
        }

        if (faults.CorruptCrc)
        {
            // No CRC in MBAP: one stray byte after the PDU makes its length disagree instead.
            response = [.. response, 0x00];
        }

        if (faults.StaleTransactionFirst)
        {
            await stream.WriteAsync(ModbusAdu.BuildMbap(unchecked((ushort)(transactionId + 0x8000)), answerUnit, response), cancellationToken).ConfigureAwait(false);
        }

        await stream.WriteAsync(ModbusAdu.BuildMbap(transactionId, answerUnit, response), cancellationToken).ConfigureAwait(false);
    }

    private async Task ServeRtuAsync(TcpClient client, NetworkStream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[ModbusAdu.MaxRtuLength];
        int count = 0;
        int length;
        while ((length = ModbusAdu.RtuRequestLength(buffer.AsSpan(0, count))) < 0 || count < length)
        {
            if (length == 0)
            {
                // A function this simulator does not frame: take what has arrived as the frame.
                count += client.Available > 0 ? await stream.ReadAsync(buffer.AsMemory(count, Math.Min(client.Available, buffer.Length - count)), cancellationToken).ConfigureAwait(false) : 0;
                length = count;
                break;
            }

            int want = length < 0 ? (count < 2 ? 2 : 7) - count : length - count;
            if (count + want > buffer.Length)
            {
                throw new IOException("RTU request longer than 256 bytes");
            }

            await stream.ReadExactlyAsync(buffer.AsMemory(count, want), cancellationToken).ConfigureAwait(false);
            count += want;
        }

        var frame = buffer.AsSpan(0, length);
        if (!ModbusCrc.Check(frame))
        {
            return; // §2.5.1.2: a slave ignores a frame with a bad CRC.
        }

        if (await AnswerAsync(buffer[0], buffer[1..(length - 2)], cancellationToken).ConfigureAwait(false) is not var (answerUnit, response, faults))
        {
            return;
        }

        byte[] adu = ModbusAdu.BuildRtu(answerUnit, response);
        if (faults.CorruptCrc)
        {
            adu[^1] ^= 0xFF;
        }

        await stream.WriteAsync(adu, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer (unit to answer as, response PDU, faults), or null when the unit stays silent.</summary>
    private async Task<(byte Unit, byte[] Response, ModbusSlaveFaults Faults)?> AnswerAsync(byte unitId, byte[] pdu, CancellationToken cancellationToken)
    {
        _requests.AddOrUpdate(unitId, 1, (_, n) => n + 1);
        RequestReceived?.Invoke(unitId);
        var faults = _faults.GetValueOrDefault(unitId) ?? ModbusSlaveFaults.None;
        if (!_units.TryGetValue(unitId, out var bank) || faults.Silent)
        {
            return null;
        }

        if (faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(faults.Delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        return (faults.AnswerAsUnit ?? unitId, ModbusSlaveProcessor.Process(unitId, pdu, bank), faults);
    }
}
