using System.Buffers;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Sync.Uplink;

/// <summary>The uplink transport on MQTTnet 5 (MQTT 5.0). MQTTnet 5 has no managed client: the reconnect
/// loop is <see cref="MqttUplink"/>'s.</summary>
public sealed class MqttNetTransport : IUplinkTransport
{
    private readonly IMqttClient _client;
    private readonly MqttBrokerOptions _options;
    private readonly string _clientId;
    private readonly TimeProvider _time;

    /// <summary>Creates the transport for a broker.</summary>
    public MqttNetTransport(MqttBrokerOptions options, string gatewayId, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _clientId = string.IsNullOrWhiteSpace(options.ClientId) ? gatewayId : options.ClientId;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnReceived;
    }

    /// <inheritdoc />
    public event Func<InboundMessage, Task>? Received;

    /// <inheritdoc />
    public bool IsConnected => _client.IsConnected;

    /// <inheritdoc />
    public async Task ConnectAsync(string willTopic, byte[] willPayload, CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return;
        }

        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.Timeout)
            .WithWillTopic(willTopic)
            .WithWillPayload(willPayload)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder.WithCredentials(_options.Username, UplinkTls.Password(_options));
        }

        // Certificates are read at each connect: a renewed one is used without a restart.
        using var tls = _options.Tls ? UplinkTls.Load(_options, _time) : null;
        if (tls is not null)
        {
            builder.WithTlsOptions(o =>
            {
                o.UseTls()
                    .WithSslProtocols(UplinkTls.Protocols)
                    .WithTargetHost(_options.Host)
                    .WithCertificateValidationHandler(e => tls.Validate(e.Certificate, e.SslPolicyErrors));
                if (tls.Client is not null)
                {
                    o.WithClientCertificates([tls.Client]);
                }
            });
        }

        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(builder.Build(), cancellationToken);
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException ex) when (ConnackCode(ex) is { } code)
        {
            throw new BrokerRefusedException(code, $"Broker refused the connection: {code}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (tls is not null && !IsNetworkFailure(ex))
            {
                // The broker's port answered and the handshake failed: a refusal (either side's), not an outage.
                throw new BrokerRefusedException("TLS", tls.Explain(ex));
            }

            throw new MqttCommunicationException(tls is null ? UplinkTls.Innermost(ex) : tls.Explain(ex), ex);
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new BrokerRefusedException(result.ResultCode.ToString(), $"Broker refused the connection: {result.ResultCode} {result.ReasonString}".TrimEnd());
        }
    }

    /// <inheritdoc />
    public async Task SubscribeAsync(string topicFilter, CancellationToken cancellationToken)
    {
        var options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(topicFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build();
        await _client.SubscribeAsync(options, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PublishOutcome> PublishAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithContentType("application/json")
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .WithQualityOfServiceLevel(message.QoS >= 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .WithRetainFlag(message.Retain);
        if (message.CorrelationData is not null)
        {
            builder.WithCorrelationData(message.CorrelationData);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            var result = await _client.PublishAsync(builder.Build(), timeout.Token);
            var outcome = Classify(result.ReasonCode);
            if (outcome != PublishOutcome.Acked)
            {
                LastReasonCode = result.ReasonCode.ToString();
            }

            return outcome;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PublishOutcome.Transient; // PUBACK timeout
        }
        catch (Exception ex) when (ex is MqttCommunicationException or MqttClientNotConnectedException or IOException or ObjectDisposedException)
        {
            return PublishOutcome.Transient;
        }
    }

    /// <inheritdoc />
    public string? LastReasonCode { get; private set; }

    /// <inheritdoc />
    public bool CanProbe => true;

    /// <inheritdoc />
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout < TimeSpan.FromSeconds(2) ? _options.Timeout : TimeSpan.FromSeconds(2));
        try
        {
            using var socket = new System.Net.Sockets.TcpClient();
            await socket.ConnectAsync(_options.Host, _options.Port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException or IOException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken) =>
        _client.IsConnected && await _client.TryPingAsync(cancellationToken);

    /// <inheritdoc />
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The CONNACK's reason code: MQTTnet 5 carries it only in its message ("Connecting with MQTT server failed
    /// (NotAuthorized)."); null when the connect failed before a CONNACK (a reset during authentication).</summary>
    private static string? ConnackCode(Exception ex)
    {
        var code = System.Text.RegularExpressions.Regex.Match(ex.Message, @"\((\w+)\)\.?$");
        return code.Success && Enum.TryParse<MqttClientConnectResultCode>(code.Groups[1].Value, out _) ? code.Groups[1].Value : null;
    }

    /// <summary>A PUBACK's reason code by what it means for the record (MQTT 5 §3.4.2.1). Only a message the broker
    /// calls malformed is dead-lettered; a refusal of the gateway (NotAuthorized) or a code we do not know holds the
    /// queue, so an ACL mistake at the broker never moves the backlog into the dead letters.</summary>
    internal static PublishOutcome Classify(MqttClientPublishReasonCode code) => code switch
    {
        MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers => PublishOutcome.Acked,
        MqttClientPublishReasonCode.TopicNameInvalid or MqttClientPublishReasonCode.PayloadFormatInvalid => PublishOutcome.Invalid,
        MqttClientPublishReasonCode.QuotaExceeded => PublishOutcome.Throttled,
        MqttClientPublishReasonCode.UnspecifiedError or MqttClientPublishReasonCode.ImplementationSpecificError => PublishOutcome.Throttled,
        MqttClientPublishReasonCode.PacketIdentifierInUse => PublishOutcome.Transient,
        _ => PublishOutcome.Refused, // NotAuthorized, and any code a later broker may add
    };

    private static bool IsNetworkFailure(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound
                or System.Net.Sockets.SocketError.TryAgain or System.Net.Sockets.SocketError.TimedOut or System.Net.Sockets.SocketError.NetworkUnreachable
                or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NoData })
            {
                return true;
            }
        }

        return ex is MqttCommunicationTimedOutException;
    }

    private Task OnReceived(MqttApplicationMessageReceivedEventArgs e)
    {
        var handler = Received;
        if (handler is null)
        {
            return Task.CompletedTask;
        }

        var m = e.ApplicationMessage;
        return handler(new InboundMessage(m.Topic, m.Payload.ToArray(), m.ResponseTopic, m.CorrelationData)
        {
            ReceivedAt = _time.GetUtcNow(),
            ExpirySeconds = m.MessageExpiryInterval > 0 ? m.MessageExpiryInterval : null,
        });
    }
}
