namespace EdgeGateway.Sync.Uplink;

/// <summary>The uplink's lifecycle (DESIGN.md house style 6: an explicit state machine).</summary>
public enum UplinkState
{
    /// <summary>Not started, or stopped.</summary>
    Stopped,

    /// <summary>A connect attempt is under way.</summary>
    Connecting,

    /// <summary>Connected: the log's unsent part is being delivered.</summary>
    Online,

    /// <summary>Waiting before the next connect attempt (exponential backoff with jitter).</summary>
    Backoff,

    /// <summary>No broker is configured; records stay in the log.</summary>
    Disabled,
}
