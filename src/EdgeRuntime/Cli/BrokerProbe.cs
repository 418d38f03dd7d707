using System.Net.Sockets;
using System.Security.Authentication;
using EdgeGateway.Sync.Uplink;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;

namespace EdgeGateway.Runtime.Cli;

/// <summary>
/// <c>check</c>'s broker probe: a real MQTT CONNECT with the configured TLS and credentials, and a one-line name for
/// what went wrong (refused, unreachable, bad credentials, not authorised, certificate, TLS, no answer). It connects
/// with its own client id (<c>ID-check</c>) and a clean session, so a running service's session is left alone.
/// </summary>
internal static class BrokerProbe
{
    /// <summary>The MQTTnet client options of the probe: the broker's host, port, TLS and credentials, as the
    /// uplink uses them (<see cref="MqttNetTransport"/>). The one place to add what the transport gains (CA file,
    /// client certificate).</summary>
    public static MqttClientOptions CreateClientOptions(MqttBrokerOptions options, string clientId)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(options.Timeout);
        if (!string.IsNullOrEmpty(options.Username))
        {
            builder.WithCredentials(options.Username, options.Password);
        }

        if (options.Tls)
        {
            builder.WithTlsOptions(o => o.UseTls());
        }

        return builder.Build();
    }

    /// <summary>Connects once and disconnects; null when the broker accepted, else what failed, in one line.</summary>
    public static async Task<string?> ProbeAsync(MqttBrokerOptions options, string gatewayId, CancellationToken cancellationToken = default)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout + TimeSpan.FromSeconds(1));
        try
        {
            var result = await client.ConnectAsync(CreateClientOptions(options, gatewayId + "-check"), timeout.Token);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return Refusal(result.ResultCode, result.ReasonString, options);
            }

            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Describe(ex, options);
        }
    }

    /// <summary>One line for a failed connect.</summary>
    public static string Describe(Exception ex, MqttBrokerOptions options)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case MqttConnectingFailedException refused when Enum.GetValues<MqttClientConnectResultCode>()
                    .Where(c => c != MqttClientConnectResultCode.Success)
                    .FirstOrDefault(c => refused.Message.Contains(c.ToString(), StringComparison.Ordinal)) is var code and not MqttClientConnectResultCode.Success:
                    // MQTTnet 5 names the CONNACK's reason code only in the message.
                    return Refusal(code, null, options);
                case AuthenticationException auth:
                    return $"certificate: the TLS handshake failed ({auth.Message})";
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return $"refused: nothing accepts connections on {options.Host}:{options.Port}";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return $"unreachable: the name {options.Host} does not resolve";
                case SocketException socket:
                    return $"unreachable: {socket.Message}";
                case MqttProtocolViolationException protocol when options.Tls:
                    return $"TLS: the broker did not speak TLS as expected ({protocol.Message})";
                case MqttProtocolViolationException protocol:
                    return $"not MQTT: {protocol.Message} (a TLS port spoken to without --tls?)";
            }
        }

        if (ex is OperationCanceledException or MqttCommunicationTimedOutException)
        {
            return $"no answer within {options.Timeout.TotalSeconds:0} s" + (options.Tls ? " (is the port plaintext?)" : " (a TLS port spoken to without TLS?)");
        }

        return options.Tls && ex is MqttCommunicationException or IOException
            ? $"TLS: the handshake failed ({ex.GetBaseException().Message}; is the port plaintext?)"
            : $"failed: {ex.GetBaseException().Message}";
    }

    // Mosquitto answers a wrong password with NotAuthorized, not BadUserNameOrPassword: with a user name configured,
    // both mean the credentials.
    private static string Refusal(MqttClientConnectResultCode code, string? reason, MqttBrokerOptions options)
    {
        bool withUser = !string.IsNullOrEmpty(options.Username);
        string what = code switch
        {
            MqttClientConnectResultCode.BadUserNameOrPassword => $"bad credentials: the broker rejected user '{options.Username}' or its password",
            MqttClientConnectResultCode.NotAuthorized when withUser => $"bad credentials: the broker rejected user '{options.Username}' or its password (or the user may not connect)",
            MqttClientConnectResultCode.NotAuthorized => "not authorised: the broker wants a user name and password (EdgeGateway:Mqtt:Username, Password)",
            MqttClientConnectResultCode.ClientIdentifierNotValid => "refused: the broker does not accept the client id",
            MqttClientConnectResultCode.ServerUnavailable or MqttClientConnectResultCode.ServerBusy => "refused: the broker is unavailable or busy",
            MqttClientConnectResultCode.Banned => "refused: this client is banned",
            _ => "refused by the broker",
        };
        return $"{what} ({code}{(string.IsNullOrEmpty(reason) ? "" : ": " + reason)})";
    }
}
