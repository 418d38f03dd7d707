namespace EdgeGateway.Sync.Uplink;

/// <summary>Who the gateway is on the wire, and its topics (CONTRACT.md: <c>{prefix}/{gatewayId}/…</c>).</summary>
/// <param name="GatewayId">The gateway's id.</param>
/// <param name="Prefix">Topic prefix, <c>edge</c> by default.</param>
/// <param name="Version">Firmware version.</param>
/// <param name="BootId">A new id every start, so central servers can tell restarts apart.</param>
public sealed record UplinkIdentity(string GatewayId, string Prefix, string Version, string BootId)
{
    /// <summary><c>{prefix}/{gatewayId}</c>.</summary>
    public string Root => $"{Prefix}/{GatewayId}";

    /// <summary>Retained online/offline status.</summary>
    public string StatusTopic => $"{Root}/status";

    /// <summary>Retained list of points.</summary>
    public string MetaTopic => $"{Root}/meta";

    /// <summary>Telemetry batches.</summary>
    public string TelemetryTopic => $"{Root}/telemetry";

    /// <summary>Events.</summary>
    public string EventsTopic => $"{Root}/events";

    /// <summary>Periodic health, QoS 0.</summary>
    public string HealthTopic => $"{Root}/health";

    /// <summary>Commands: <c>…/cmd/{name}</c>.</summary>
    public string CommandFilter => $"{Root}/cmd/+";
}
