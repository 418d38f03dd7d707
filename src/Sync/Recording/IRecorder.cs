using EdgeGateway.Contracts;

namespace EdgeGateway.Sync.Recording;

/// <summary>Takes readings and events into the durable log. Never blocks and never throws into the caller.</summary>
public interface IRecorder
{
    /// <summary>Queues a reading for the current telemetry batch.</summary>
    void Record(Reading reading);

    /// <summary>Queues an event; each event becomes its own log record.</summary>
    void Record(GatewayEvent gatewayEvent);
}
