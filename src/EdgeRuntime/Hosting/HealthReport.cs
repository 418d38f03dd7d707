using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeGateway.Sync.Json;

namespace EdgeGateway.Runtime.Hosting;

// The health document as typed records: HealthService builds one per snapshot, and the MQTT `health` message
// (CONTRACT.md, docs/asyncapi.yaml), the technician page (/api/health, the device list of /api/state, the bundle's
// health.json) and /metrics all read the same object. The JSON is written by the source-generated HealthJson context:
// camelCase names in declaration order, nulls written (the contract lists them), timestamps as Iso8601.

/// <summary>The whole health document (<c>…/health</c>).</summary>
/// <param name="GatewayId">The gateway.</param>
/// <param name="Ts">When the snapshot was taken.</param>
/// <param name="UptimeS">Seconds since start, whole.</param>
/// <param name="Uplink">The link to the broker.</param>
/// <param name="Log">The durable log.</param>
/// <param name="Devices">Every polled device and Modbus slave, by id.</param>
/// <param name="MemoryBytes">Managed heap in use.</param>
/// <param name="WorkingSetBytes">The process's working set.</param>
internal sealed record HealthReport(
    string GatewayId,
    DateTimeOffset Ts,
    double UptimeS,
    UplinkHealthReport Uplink,
    LogHealthReport Log,
    IReadOnlyDictionary<string, DeviceHealthReport> Devices,
    long MemoryBytes,
    long WorkingSetBytes)
{
    /// <summary>The document as the contract's JSON (UTF-8), as <c>…/health</c> carries it.</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, HealthJson.Default.HealthReport);

    /// <summary>The document as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, HealthJson.Default.HealthReport);

    /// <summary>The document as JSON text, indented (the diagnostics bundle).</summary>
    public string ToIndentedJson() => JsonSerializer.Serialize(this, HealthJson.Indented.HealthReport);
}

/// <summary>The uplink's part of the health document.</summary>
/// <param name="State">The state's wire name (<c>online</c>, <c>backoff</c>, …).</param>
/// <param name="Since">When it entered that state.</param>
/// <param name="Published">Records acknowledged since start.</param>
/// <param name="ConnectAttempts">Connect attempts since start.</param>
/// <param name="DeadLettered">Records the broker refused as invalid.</param>
/// <param name="LastError">The last connect or publish error.</param>
/// <param name="Refused">The broker's reason code while it refuses the gateway.</param>
/// <param name="DownSince">When the link was last lost (null while up).</param>
internal sealed record UplinkHealthReport(
    string State,
    DateTimeOffset Since,
    long Published,
    long ConnectAttempts,
    long DeadLettered,
    string? LastError,
    string? Refused,
    DateTimeOffset? DownSince);

/// <summary>The durable log's part of the health document.</summary>
/// <param name="Unsent">Records not yet acknowledged.</param>
/// <param name="OldestUnsentAgeS">Age of the oldest of them, whole seconds.</param>
/// <param name="Bytes">What the records count for in the budget.</param>
/// <param name="BytesOnDisk">The log's files on the disk.</param>
/// <param name="NextSeq">The next seq handed out.</param>
/// <param name="CommitIntervalS">The group-commit cadence.</param>
/// <param name="Flushes">fsync'ed commits since start.</param>
/// <param name="DiskWriteBytes">Bytes the process wrote to the disk (<c>/proc/self/io</c>).</param>
/// <param name="DiskWriteBytesPerReading">Those bytes per recorded reading.</param>
internal sealed record LogHealthReport(
    long Unsent,
    double? OldestUnsentAgeS,
    long Bytes,
    long BytesOnDisk,
    long NextSeq,
    double? CommitIntervalS,
    long Flushes,
    long? DiskWriteBytes,
    double? DiskWriteBytesPerReading);

/// <summary>One device's health: what every kind reports (<see cref="JsonPropertyOrderAttribute"/> places these among
/// a kind's own fields exactly as the contract's document has them).</summary>
[JsonDerivedType(typeof(PolledDeviceHealthReport))]
[JsonDerivedType(typeof(ModbusSlaveHealthReport))]
internal abstract record DeviceHealthReport
{
    /// <summary>True while the device answers.</summary>
    [JsonPropertyOrder(10)]
    public required bool Ok { get; init; }

    /// <summary>Reads attempted.</summary>
    [JsonPropertyOrder(20)]
    public required long Reads { get; init; }

    /// <summary>Reads that failed.</summary>
    [JsonPropertyOrder(30)]
    public required long Failures { get; init; }

    /// <summary>When it last answered.</summary>
    [JsonPropertyOrder(100)]
    public required DateTimeOffset? LastSuccess { get; init; }

    /// <summary>The last error, if the last read failed.</summary>
    [JsonPropertyOrder(120)]
    public required string? LastError { get; init; }

    /// <summary>When the current run of failures began.</summary>
    [JsonPropertyOrder(130)]
    public required DateTimeOffset? FailingSince { get; init; }
}

/// <summary>An I2C or GPIO device read by a bus poller.</summary>
internal sealed record PolledDeviceHealthReport : DeviceHealthReport;

/// <summary>A Modbus slave: the common fields plus its bus, breaker, request counts by outcome and latency.</summary>
internal sealed record ModbusSlaveHealthReport : DeviceHealthReport
{
    /// <summary>The bus's id.</summary>
    [JsonPropertyOrder(1)]
    public required string Bus { get; init; }

    /// <summary>Its Modbus address.</summary>
    [JsonPropertyOrder(2)]
    public required byte UnitId { get; init; }

    /// <summary>The breaker's state (<c>closed</c>, <c>open</c>, <c>halfopen</c>, <c>isolated</c>).</summary>
    [JsonPropertyOrder(15)]
    public required string Breaker { get; init; }

    /// <summary>Requests sent.</summary>
    [JsonPropertyOrder(31)]
    public required long Requests { get; init; }

    /// <summary>Requests answered well.</summary>
    [JsonPropertyOrder(32)]
    public required long Successes { get; init; }

    /// <summary>Requests that got no answer.</summary>
    [JsonPropertyOrder(33)]
    public required long Timeouts { get; init; }

    /// <summary>Answers with a bad CRC or frame.</summary>
    [JsonPropertyOrder(34)]
    public required long FrameErrors { get; init; }

    /// <summary>Exception responses.</summary>
    [JsonPropertyOrder(35)]
    public required long Exceptions { get; init; }

    /// <summary>Link failures.</summary>
    [JsonPropertyOrder(36)]
    public required long TransportErrors { get; init; }

    /// <summary>Polls not sent because the breaker was open.</summary>
    [JsonPropertyOrder(37)]
    public required long SkippedPolls { get; init; }

    /// <summary>Duration of the last answered request, ms.</summary>
    [JsonPropertyOrder(101)]
    public required double? LatencyMs { get; init; }

    /// <summary>Mean duration of answered requests, ms.</summary>
    [JsonPropertyOrder(102)]
    public required double? AvgLatencyMs { get; init; }
}

/// <summary>The contract's timestamps: <see cref="Iso8601"/> (UTC, milliseconds).</summary>
internal sealed class Iso8601JsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Iso8601.Format(value));
}

/// <summary>The health document's source-generated serializer.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, Converters = [typeof(Iso8601JsonConverter)])]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(DeviceHealthReport))]
internal sealed partial class HealthJson : JsonSerializerContext
{
    /// <summary>One device's fields as a JSON object (the page adds its own to it).</summary>
    public static System.Text.Json.Nodes.JsonObject ToNode(DeviceHealthReport device) =>
        JsonSerializer.SerializeToNode(device, Default.DeviceHealthReport)!.AsObject();

    /// <summary>Indented, for people (the bundle).</summary>
    public static HealthJson Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new Iso8601JsonConverter() },
        WriteIndented = true,
    });
}
