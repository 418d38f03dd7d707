using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Json;

namespace EdgeGateway.Runtime.Tests.Hosting;

/// <summary>The typed health document writes, byte for byte, the JSON the MQTT <c>health</c> message carried when it
/// was built as a <see cref="JsonObject"/> (CONTRACT.md, docs/asyncapi.yaml): same names, order, nesting, nulls,
/// number and timestamp formats, escaping.</summary>
[Trait("Category", "Unit")]
public sealed class HealthReportJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 16, 0, 0, 123, TimeSpan.Zero);

    /// <summary>The document as the JsonObject code wrote it before the records (HealthService.Snapshot and
    /// ModbusBuses.HealthJson of commit b7a5e27), from the same values.</summary>
    internal static string PreviousShape(HealthReport r)
    {
        var devices = new JsonObject();
        foreach (var (id, d) in r.Devices)
        {
            devices[id] = d switch
            {
                ModbusSlaveHealthReport h => new JsonObject
                {
                    ["bus"] = h.Bus,
                    ["unitId"] = h.UnitId,
                    ["ok"] = h.Ok,
                    ["breaker"] = h.Breaker,
                    ["reads"] = h.Reads,
                    ["failures"] = h.Failures,
                    ["requests"] = h.Requests,
                    ["successes"] = h.Successes,
                    ["timeouts"] = h.Timeouts,
                    ["frameErrors"] = h.FrameErrors,
                    ["exceptions"] = h.Exceptions,
                    ["transportErrors"] = h.TransportErrors,
                    ["skippedPolls"] = h.SkippedPolls,
                    ["lastSuccess"] = h.LastSuccess is { } s ? Iso8601.Format(s) : null,
                    ["latencyMs"] = h.LatencyMs,
                    ["avgLatencyMs"] = h.AvgLatencyMs,
                    ["lastError"] = h.LastError,
                    ["failingSince"] = h.FailingSince is { } f ? Iso8601.Format(f) : null,
                },
                _ => new JsonObject
                {
                    ["ok"] = d.Ok,
                    ["reads"] = d.Reads,
                    ["failures"] = d.Failures,
                    ["lastSuccess"] = d.LastSuccess is { } s ? Iso8601.Format(s) : null,
                    ["lastError"] = d.LastError,
                    ["failingSince"] = d.FailingSince is { } f ? Iso8601.Format(f) : null,
                },
            };
        }

        var node = new JsonObject
        {
            ["gatewayId"] = r.GatewayId,
            ["ts"] = Iso8601.Format(r.Ts),
            ["uptimeS"] = r.UptimeS,
            ["uplink"] = new JsonObject
            {
                ["state"] = r.Uplink.State,
                ["since"] = Iso8601.Format(r.Uplink.Since),
                ["published"] = r.Uplink.Published,
                ["connectAttempts"] = r.Uplink.ConnectAttempts,
                ["deadLettered"] = r.Uplink.DeadLettered,
                ["lastError"] = r.Uplink.LastError,
                ["refused"] = r.Uplink.Refused,
                ["downSince"] = r.Uplink.DownSince is { } down ? Iso8601.Format(down) : null,
            },
            ["log"] = new JsonObject
            {
                ["unsent"] = r.Log.Unsent,
                ["oldestUnsentAgeS"] = r.Log.OldestUnsentAgeS,
                ["bytes"] = r.Log.Bytes,
                ["bytesOnDisk"] = r.Log.BytesOnDisk,
                ["nextSeq"] = r.Log.NextSeq,
                ["commitIntervalS"] = r.Log.CommitIntervalS,
                ["flushes"] = r.Log.Flushes,
                ["diskWriteBytes"] = r.Log.DiskWriteBytes,
                ["diskWriteBytesPerReading"] = r.Log.DiskWriteBytesPerReading,
            },
            ["devices"] = devices,
            ["memoryBytes"] = r.MemoryBytes,
            ["workingSetBytes"] = r.WorkingSetBytes,
        };
        return System.Text.Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(node));
    }

    private static HealthReport Report(bool nulls) => new(
        "cab-01",
        T0,
        nulls ? 0 : 86_401,
        new UplinkHealthReport(nulls ? "connecting" : "backoff", T0.AddSeconds(-5), 12_345, 7, 1,
            nulls ? null : "TLS: the broker's certificate is not trusted by \"city-ca\" <ș&ț>", nulls ? null : "NotAuthorized", nulls ? null : T0.AddMinutes(-3)),
        new LogHealthReport(42, nulls ? null : 17, 1_048_576, 2_000_000, 99_001, nulls ? null : 2, 314, nulls ? null : 123_456_789, nulls ? null : 61.5),
        new Dictionary<string, DeviceHealthReport>(StringComparer.Ordinal)
        {
            ["lux1"] = new PolledDeviceHealthReport { Ok = !nulls, Reads = 10, Failures = nulls ? 10 : 0, LastSuccess = nulls ? null : T0.AddSeconds(-1), LastError = nulls ? "no answer (ACK)" : null, FailingSince = nulls ? T0.AddMinutes(-1) : null },
            ["meter1"] = new ModbusSlaveHealthReport
            {
                Bus = "rs485-1", UnitId = 247, Ok = !nulls, Breaker = nulls ? "open" : "closed", Reads = 50, Failures = 3, Requests = 50, Successes = 47,
                Timeouts = 2, FrameErrors = 1, Exceptions = 0, TransportErrors = 0, SkippedPolls = nulls ? 9 : 0,
                LastSuccess = nulls ? null : T0, LatencyMs = nulls ? null : 12.3, AvgLatencyMs = nulls ? null : 10.7, LastError = nulls ? "timeout after 200 ms" : null,
                FailingSince = nulls ? T0.AddSeconds(-30) : null,
            },
        },
        123_456_789,
        98_765_432);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ToUtf8Json_AnyValues_ByteForByteThePreviousDocument(bool nulls)
    {
        var report = Report(nulls);

        Assert.Equal(PreviousShape(report), System.Text.Encoding.UTF8.GetString(report.ToUtf8Json()));
        Assert.Equal(PreviousShape(report), report.ToJson());
    }

    [Fact]
    public void ToUtf8Json_NoDevices_AnEmptyObject()
    {
        var report = Report(false) with { Devices = new Dictionary<string, DeviceHealthReport>() };

        Assert.Equal(PreviousShape(report), report.ToJson());
        Assert.Contains("\"devices\":{}", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToUtf8Json_SchemaFields_RequiredByTheAsyncApiDocumentArePresent()
    {
        // docs/asyncapi.yaml, components.schemas.health: the required fields at each level (the HIL contract test
        // validates real messages against the whole schema).
        var doc = JsonNode.Parse(Report(true).ToUtf8Json())!.AsObject();

        Assert.Equal(["gatewayId", "ts", "uptimeS", "uplink", "log", "devices", "memoryBytes", "workingSetBytes"], doc.Select(p => p.Key));
        Assert.Equal(["state", "since", "published", "connectAttempts", "deadLettered", "lastError", "refused", "downSince"], doc["uplink"]!.AsObject().Select(p => p.Key));
        Assert.All(new[] { "unsent", "oldestUnsentAgeS", "bytes", "nextSeq" }, k => Assert.True(doc["log"]!.AsObject().ContainsKey(k), k));
        Assert.All(doc["devices"]!.AsObject(), d => Assert.Equal(JsonValueKind.False, d.Value!["ok"]!.GetValueKind()));
        Assert.Equal("2026-11-26T16:00:00.123Z", doc["ts"]!.GetValue<string>());
    }

    [Fact]
    public void ToIndentedJson_SameDocumentIndented()
    {
        var report = Report(false);

        Assert.Equal(JsonNode.Parse(report.ToJson())!.ToJsonString(), JsonNode.Parse(report.ToIndentedJson())!.ToJsonString());
        Assert.Contains("\n  \"gatewayId\": \"cab-01\"", report.ToIndentedJson(), StringComparison.Ordinal);
    }
}
