namespace EdgeGateway.Sync.Log;

/// <summary>A record to append, before the log gives it its <c>seq</c>.</summary>
/// <param name="Kind">Telemetry batch or event.</param>
/// <param name="Timestamp">The first reading's or the event's time, UTC; history queries select on it.</param>
/// <param name="Body">The message's JSON members other than <c>gatewayId</c> and <c>seq</c>, without braces.</param>
/// <param name="Tag">For events the type; empty for telemetry (history.get filters points on the readings).</param>
public sealed record LogEntry(RecordKind Kind, DateTimeOffset Timestamp, string Body, string Tag);
