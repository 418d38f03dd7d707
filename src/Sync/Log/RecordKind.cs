namespace EdgeGateway.Sync.Log;

/// <summary>What a log record holds; one record is one MQTT message on the matching topic.</summary>
public enum RecordKind
{
    /// <summary>A batch of readings, published on <c>…/telemetry</c>.</summary>
    Telemetry = 0,

    /// <summary>One event, published on <c>…/events</c>.</summary>
    Event = 1,
}
