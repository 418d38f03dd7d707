using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Durability;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>Publishes <c>…/health</c> (QoS 0) periodically: uplink state, log depth and oldest unsent age,
/// per-device status, uptime, memory. <see cref="Snapshot"/> is the one typed <see cref="HealthReport"/> that the
/// message, the technician page and <c>/metrics</c> all read.</summary>
internal sealed class HealthService(IUplink uplink, DurableLog log, DeviceRegistry devices, GatewayClock clock, UplinkIdentity identity, TimeSpan interval, ILogger<HealthService> logger, Modbus.ModbusBuses? modbus = null, Sync.Recording.Recorder? recorder = null)
    : PeriodicService(clock.Time, interval, logger, tickAtStart: false)
{
    /// <summary>The health document now.</summary>
    public HealthReport Snapshot()
    {
        var now = clock.Time.GetUtcNow();
        var (unsent, oldest) = log.Unsent();
        long? written = ProcessIo.WriteBytes();
        var status = uplink.Status;
        var deviceHealth = new Dictionary<string, DeviceHealthReport>(StringComparer.Ordinal);
        foreach (var d in devices.Polled)
        {
            deviceHealth[d.Id] = new PolledDeviceHealthReport
            {
                Ok = d.Health.Ok,
                Reads = d.Health.Reads,
                Failures = d.Health.Failures,
                LastSuccess = d.Health.LastSuccess,
                LastError = d.Health.LastError,
                FailingSince = d.Health.FailingSince,
            };
        }

        // Modbus slaves carry the same ok/lastSuccess/lastError as I2C devices, plus their bus, breaker, request counts
        // by outcome and latency.
        foreach (var slave in modbus?.Health() ?? [])
        {
            deviceHealth[slave.Id] = slave.Report;
        }

        return new HealthReport(
            identity.GatewayId,
            now,
            Math.Round(clock.Uptime.TotalSeconds),
            new UplinkHealthReport(
                status.State.ToString().ToLowerInvariant(),
                status.Since,
                status.Published,
                status.ConnectAttempts,
                status.DeadLettered,
                status.LastError,
                status.Refusal,
                status.DownSince),
            new LogHealthReport(
                unsent,
                oldest is { } o ? Math.Round((now - o).TotalSeconds) : null,
                log.TotalBytes,
                log.BytesOnDisk,
                log.NextSeq,

                // Each group commit is fsync'ed before its records are published: a power cut loses at most the open
                // batch and one commit interval of closed ones, never a published seq.
                recorder?.CommitInterval.TotalSeconds,
                log.Flushes,
                written,
                written is { } w && recorder is { Readings: > 0 } r ? Math.Round((double)w / r.Readings, 1) : null),
            deviceHealth,
            GC.GetTotalMemory(false),
            Environment.WorkingSet);
    }

    /// <inheritdoc />
    protected override async Task TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await uplink.TryPublishAsync(new OutboundMessage(identity.HealthTopic, Snapshot().ToUtf8Json(), 0), cancellationToken);
    }
}
