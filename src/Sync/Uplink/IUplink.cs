namespace EdgeGateway.Sync.Uplink;

/// <summary>What the rest of the gateway sees of the uplink.</summary>
public interface IUplink
{
    /// <summary>The current status.</summary>
    UplinkStatus Status { get; }

    /// <summary>Publishes outside the log (health) if online; false otherwise.</summary>
    Task<bool> TryPublishAsync(OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Republishes what the log still holds from <paramref name="fromSeq"/> on (<c>sync.resend</c>);
    /// false when there is no uplink to do it.</summary>
    bool RequestResend(long fromSeq);
}
