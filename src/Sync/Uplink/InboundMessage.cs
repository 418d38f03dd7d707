namespace EdgeGateway.Sync.Uplink;

/// <summary>A message the gateway received (a command).</summary>
/// <param name="Topic">The topic it arrived on.</param>
/// <param name="Payload">The raw payload.</param>
/// <param name="ResponseTopic">MQTT 5 response topic, if any.</param>
/// <param name="CorrelationData">MQTT 5 correlation data, if any.</param>
public sealed record InboundMessage(string Topic, byte[] Payload, string? ResponseTopic, byte[]? CorrelationData);
