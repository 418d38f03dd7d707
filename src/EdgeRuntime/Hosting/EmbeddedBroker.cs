using System.Net;
using Microsoft.Extensions.Hosting;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MQTTnet.Server;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>An MQTTnet broker on 127.0.0.1, started under <c>--simulate</c> when no broker is configured,
/// so a fresh machine can watch the gateway with <c>mosquitto_sub</c>. When something already listens on the port
/// (Debian's <c>mosquitto</c> package starts a broker on 1883 where systemd runs), the gateway uses that broker
/// instead of failing to start: <c>mosquitto_sub</c> against the port shows the same messages.</summary>
internal sealed partial class EmbeddedBroker(int port, ILogger<EmbeddedBroker>? logger = null) : IHostedService, IAsyncDisposable
{
    private MqttServer? _server;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        _server.ValidatingConnectionAsync += e =>
        {
            AssignClientId(e);
            return Task.CompletedTask;
        };
        try
        {
            await _server.StartAsync();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            _server.Dispose();
            _server = null;
            if (logger is not null)
            {
                Log.PortTaken(logger, port);
            }
        }
    }

    /// <summary>True when this broker serves the port; false when another broker already held it.</summary>
    public bool Serving => _server is not null;

    /// <summary>
    /// MQTT 3.1.1 section 3.1.3.1 lets a server accept an empty client id and assign one; mosquitto_sub sends
    /// exactly that. MQTTnet 5 assigns ids to MQTT 5 clients only, so the 3.1.1 case writes the id into the
    /// CONNECT packet that the event wraps (a private field: if a later MQTTnet renames it, such clients are
    /// refused as before, and the HIL quick-start test fails to tell us).
    /// </summary>
    internal static void AssignClientId(ValidatingConnectionEventArgs e)
    {
        if (!string.IsNullOrEmpty(e.ClientId))
        {
            return;
        }

        string id = "auto-" + Guid.NewGuid().ToString("N")[..12];
        e.AssignedClientIdentifier = id;
        if (ConnectPacketField?.GetValue(e) is MQTTnet.Packets.MqttConnectPacket packet)
        {
            packet.ClientId = id;
        }
    }

    private static readonly System.Reflection.FieldInfo? ConnectPacketField =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Warning, "Something already listens on 127.0.0.1:{Port}; the gateway uses that broker instead of its embedded one")]
        public static partial void PortTaken(ILogger logger, int port);
    }
}
