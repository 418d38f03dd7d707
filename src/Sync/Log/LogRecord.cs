namespace EdgeGateway.Sync.Log;

/// <summary>A stored record. <see cref="Seq"/> is the gateway-wide sequence number (CONTRACT.md).</summary>
public sealed class LogRecord
{
    /// <summary>The gateway-wide sequence number; the LiteDB document id.</summary>
    public long Seq { get; set; }

    /// <summary>Telemetry batch or event.</summary>
    public RecordKind Kind { get; set; }

    /// <summary>UTC time of the first reading or of the event.</summary>
    public DateTime Ts { get; set; }

    /// <summary>JSON members of the message other than <c>gatewayId</c> and <c>seq</c>.</summary>
    public string Body { get; set; } = "";

    /// <summary>Event type, or the telemetry batch's points joined by '|'.</summary>
    public string Tag { get; set; } = "";

    /// <summary>Approximate stored size in bytes, for the retention budget.</summary>
    public int Size { get; set; }
}
