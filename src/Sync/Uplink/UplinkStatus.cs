namespace EdgeGateway.Sync.Uplink;

/// <summary>What the uplink is doing, for <c>health</c>, <c>/metrics</c> and the technician page.</summary>
/// <param name="State">Current state.</param>
/// <param name="Since">When it entered that state.</param>
/// <param name="LastConnected">When the last session started.</param>
/// <param name="LastError">Why the last attempt or session failed.</param>
/// <param name="Published">Records acknowledged by the broker since start.</param>
/// <param name="ConnectAttempts">Connect attempts since start.</param>
/// <param name="DeadLettered">Records the broker refused as invalid since start.</param>
/// <param name="DownSince">When the uplink stopped being online: the first failed attempt or the lost session, kept
/// through every retry until it is online again; null while online or before the first failure.</param>
public sealed record UplinkStatus(
    UplinkState State,
    DateTimeOffset Since,
    DateTimeOffset? LastConnected,
    string? LastError,
    long Published,
    long ConnectAttempts,
    long DeadLettered,
    DateTimeOffset? DownSince = null)
{
    /// <summary>The broker's reason code while it refuses the gateway (a CONNACK, PUBACK or TLS refusal: the queue is
    /// held); null when it takes what it is sent.</summary>
    public string? Refusal { get; init; }
}
