using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Durability;
using EdgeGateway.Sync.Json;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>Publishes <c>…/health</c> (QoS 0) periodically: uplink state, log depth and oldest unsent age,
/// per-device status, uptime, memory.</summary>
public sealed class HealthService(IUplink uplink, DurableLog log, DeviceRegistry devices, GatewayClock clock, UplinkIdentity identity, TimeSpan interval, ILogger<HealthService> logger, Modbus.ModbusBuses? modbus = null, Sync.Recording.Recorder? recorder = null)
    : PeriodicService(clock.Time, interval, logger, tickAtStart: false)
{
    /// <summary>The health document now.</summary>
    public JsonObject Snapshot()
    {
        var now = clock.Time.GetUtcNow();
        var (unsent, oldest) = log.Unsent();
        long? written = ProcessIo.WriteBytes();
        var status = uplink.Status;
        var deviceJson = new JsonObject();
        foreach (var d in devices.Polled)
        {
            deviceJson[d.Id] = new JsonObject
            {
                ["ok"] = d.Health.Ok,
                ["reads"] = d.Health.Reads,
                ["failures"] = d.Health.Failures,
                ["lastSuccess"] = d.Health.LastSuccess is { } s ? Iso8601.Format(s) : null,
                ["lastError"] = d.Health.LastError,
                ["failingSince"] = d.Health.FailingSince is { } f ? Iso8601.Format(f) : null,
            };
        }

        // Modbus slaves carry the same ok/lastSuccess/lastError as I2C devices, plus their bus, breaker, request counts
        // by outcome and latency.
        foreach (var (id, node) in modbus?.HealthJson() ?? [])
        {
            deviceJson[id] = node?.DeepClone();
        }

        return new JsonObject
        {
            ["gatewayId"] = identity.GatewayId,
            ["ts"] = Iso8601.Format(now),
            ["uptimeS"] = Math.Round(clock.Uptime.TotalSeconds),
            ["uplink"] = new JsonObject
            {
                ["state"] = status.State.ToString().ToLowerInvariant(),
                ["since"] = Iso8601.Format(status.Since),
                ["published"] = status.Published,
                ["connectAttempts"] = status.ConnectAttempts,
                ["deadLettered"] = status.DeadLettered,
                ["lastError"] = status.LastError,
                ["refused"] = status.Refusal,
                ["downSince"] = status.DownSince is { } down ? Iso8601.Format(down) : null,
            },
            ["log"] = new JsonObject
            {
                ["unsent"] = unsent,
                ["oldestUnsentAgeS"] = oldest is { } o ? Math.Round((now - o).TotalSeconds) : null,
                ["bytes"] = log.TotalBytes,
                ["bytesOnDisk"] = log.BytesOnDisk,
                ["nextSeq"] = log.NextSeq,

                // Each group commit is fsync'ed before its records are published: a power cut loses at most the open
                // batch and one commit interval of closed ones, never a published seq.
                ["commitIntervalS"] = recorder?.CommitInterval.TotalSeconds,
                ["flushes"] = log.Flushes,
                ["diskWriteBytes"] = written,
                ["diskWriteBytesPerReading"] = written is { } w && recorder is { Readings: > 0 } r ? Math.Round((double)w / r.Readings, 1) : null,
            },
            ["devices"] = deviceJson,
            ["memoryBytes"] = GC.GetTotalMemory(false),
            ["workingSetBytes"] = Environment.WorkingSet,
        };
    }

    /// <inheritdoc />
    protected override async Task TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(Snapshot());
        await uplink.TryPublishAsync(new OutboundMessage(identity.HealthTopic, payload, 0), cancellationToken);
    }
}
