namespace EdgeGateway.Sync.Uplink;

/// <summary>How a publish ended (DESIGN.md house style 4: classify send failures).</summary>
public enum PublishOutcome
{
    /// <summary>PUBACK with a success code: the record may leave the unsent part of the log.</summary>
    Acked,

    /// <summary>The connection failed or timed out: reconnect and resend.</summary>
    Transient,

    /// <summary>The broker is busy or a quota is exceeded: hold the queue, back off, then resend.</summary>
    Throttled,

    /// <summary>The broker will not take it from us now (NotAuthorized: an ACL, a revoked account, or a reason code
    /// we do not know): hold the queue, back off, then resend. Never dead-lettered: the fault is not the message's.</summary>
    Refused,

    /// <summary>The broker refused this message as malformed (topic name or payload format invalid): dead-letter it and go on.</summary>
    Invalid,
}
