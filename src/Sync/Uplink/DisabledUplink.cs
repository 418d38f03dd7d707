namespace EdgeGateway.Sync.Uplink;

/// <summary>Null object for a gateway with no broker configured: everything stays in the log.</summary>
public sealed class DisabledUplink(TimeProvider time) : IUplink
{
    /// <inheritdoc />
    public UplinkStatus Status { get; } = new(UplinkState.Disabled, time.GetUtcNow(), null, "no broker configured", 0, 0, 0);

    /// <inheritdoc />
    public Task<bool> TryPublishAsync(OutboundMessage message, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <inheritdoc />
    public bool RequestResend(long fromSeq) => false;
}
