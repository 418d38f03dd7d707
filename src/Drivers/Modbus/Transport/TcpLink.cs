using System.Net.Sockets;

namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>A TCP connection to a Modbus TCP device or an RS-485-to-Ethernet converter, with a bounded connect.</summary>
internal sealed class TcpLink(string host, int port, TimeSpan connectTimeout, TimeProvider timeProvider) : ModbusLink
{
    private TcpClient? _client;
    private NetworkStream? _stream;

    public override bool IsOpen => _stream is not null;

    public override async ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            return _stream;
        }

        var client = new TcpClient { NoDelay = true };
        using var timeout = new CancellationTokenSource(connectTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await client.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new ModbusTransportException($"connect to {host}:{port} timed out after {connectTimeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException ex)
        {
            client.Dispose();
            throw new ModbusTransportException($"connect to {host}:{port} failed: {ex.SocketErrorCode}", ex);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _client = client;
        _stream = client.GetStream();
        return _stream;
    }

    public override void DiscardInput()
    {
        if (_client is null)
        {
            return;
        }

        Span<byte> sink = stackalloc byte[256];
        Socket socket = _client.Client;
        while (socket.Available > 0)
        {
            // Data is waiting, so this Receive returns at once.
            socket.Receive(sink);
        }
    }

    public override void Close()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _stream = null;
        _client = null;
    }
}
