namespace EdgeGateway.Sync.Uplink;

/// <summary>The narrow seam between the uplink's state machine and an MQTT client library.</summary>
public interface IUplinkTransport : IAsyncDisposable
{
    /// <summary>Raised for each message received on a subscribed topic.</summary>
    event Func<InboundMessage, Task>? Received;

    /// <summary>True while the session is up.</summary>
    bool IsConnected { get; }

    /// <summary>Connects with a retained will on <paramref name="willTopic"/>; throws on failure.</summary>
    Task ConnectAsync(string willTopic, byte[] willPayload, CancellationToken cancellationToken);

    /// <summary>Subscribes to <paramref name="topicFilter"/> at QoS 1.</summary>
    Task SubscribeAsync(string topicFilter, CancellationToken cancellationToken);

    /// <summary>Publishes and, for QoS 1, waits for the PUBACK. Never throws for a network fault: classifies it.</summary>
    Task<PublishOutcome> PublishAsync(OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Sends a PINGREQ; false when the broker does not answer.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);

    /// <summary>Disconnects cleanly (no will).</summary>
    Task DisconnectAsync(CancellationToken cancellationToken);
}
