using EdgeGateway.Contracts;

namespace EdgeGateway.Sync.Recording;

/// <summary>A recorder that keeps nothing: for one-shot probes (<c>edge-gateway check</c>) that read devices without
/// writing history.</summary>
public sealed class NullRecorder : IRecorder
{
    /// <summary>The one instance.</summary>
    public static NullRecorder Instance { get; } = new();

    /// <inheritdoc />
    public void Record(Reading reading)
    {
    }

    /// <inheritdoc />
    public void Record(GatewayEvent gatewayEvent)
    {
    }
}
