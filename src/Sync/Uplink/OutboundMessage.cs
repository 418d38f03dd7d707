namespace EdgeGateway.Sync.Uplink;

/// <summary>An MQTT message the uplink asks its transport to publish.</summary>
/// <param name="Topic">Full topic.</param>
/// <param name="Payload">UTF-8 JSON.</param>
/// <param name="QoS">0 or 1.</param>
/// <param name="Retain">Whether the broker keeps it for late subscribers.</param>
/// <param name="CorrelationData">MQTT 5 correlation data, for command responses.</param>
public sealed record OutboundMessage(string Topic, byte[] Payload, int QoS = 1, bool Retain = false, byte[]? CorrelationData = null);
