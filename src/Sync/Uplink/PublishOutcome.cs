namespace EdgeGateway.Sync.Uplink;

/// <summary>How a publish ended (DESIGN.md house style 4: classify send failures).</summary>
public enum PublishOutcome
{
    /// <summary>PUBACK with a success code: the record may leave the unsent part of the log.</summary>
    Acked,

    /// <summary>The connection failed or timed out: reconnect and resend.</summary>
    Transient,

    /// <summary>The broker is busy or a quota is exceeded: back off, then resend.</summary>
    Throttled,

    /// <summary>The broker refused this message for what it is (topic, size, format): dead-letter it and go on.</summary>
    Invalid,
}
