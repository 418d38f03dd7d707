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

    /// <summary>True when <see cref="ProbeAsync"/> can tell whether the broker is reachable without connecting.</summary>
    bool CanProbe => false;

    /// <summary>A cheap look (a TCP connect, no MQTT) whether the broker's port answers.</summary>
    Task<bool> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>The broker's reason code of the last refused publish (<see cref="PublishOutcome.Refused"/>,
    /// <see cref="PublishOutcome.Throttled"/>, <see cref="PublishOutcome.Invalid"/>), for the <c>uplink.refused</c> event.</summary>
    string? LastReasonCode => null;

    /// <summary>Disconnects cleanly (no will).</summary>
    Task DisconnectAsync(CancellationToken cancellationToken);
}
