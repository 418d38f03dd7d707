namespace EdgeGateway.Sync.Uplink;

/// <summary>A message the gateway received (a command).</summary>
/// <param name="Topic">The topic it arrived on.</param>
/// <param name="Payload">The raw payload.</param>
/// <param name="ResponseTopic">MQTT 5 response topic, if any.</param>
/// <param name="CorrelationData">MQTT 5 correlation data, if any.</param>
public sealed record InboundMessage(string Topic, byte[] Payload, string? ResponseTopic, byte[]? CorrelationData)
{
    /// <summary>When the gateway received it (for the MQTT 5 message expiry).</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>The MQTT 5 message expiry interval left when it arrived, in seconds; null when it has none.</summary>
    public uint? ExpirySeconds { get; init; }

    /// <summary>When it expires, if it does.</summary>
    public DateTimeOffset? ExpiresAt => ReceivedAt is { } at && ExpirySeconds is { } s ? at.AddSeconds(s) : null;
}
