using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeGateway.Contracts;
using EdgeGateway.Sync.Log;

namespace EdgeGateway.Sync.Json;

/// <summary>Writes the contract's JSON payloads (CONTRACT.md, MQTT section). Bodies are stored in the log
/// without <c>gatewayId</c> and <c>seq</c>; <see cref="Message"/> wraps them when they are published.</summary>
public static class PayloadWriter
{
    // Event data is free-form: a NaN or infinity in it (a sensor's last value) must not throw and stop the
    // recorder; JSON has no such numbers, so they are written as the strings "NaN", "Infinity", "-Infinity".
    private static readonly JsonSerializerOptions DataOptions = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The stored body of a telemetry batch: <c>"readings":[…]</c>.</summary>
    public static string TelemetryBody(IReadOnlyList<Reading> readings)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (readings.Count * 96));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("readings");
            foreach (var r in readings)
            {
                w.WriteStartObject();
                w.WriteString("point", r.Point);
                w.WriteString("ts", Iso8601.Format(r.Timestamp));
                WriteNumber(w, "value", r.Value);
                w.WriteString("quality", QualityName(r.Quality));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Members(buffer.WrittenSpan);
    }

    /// <summary>The stored body of an event: <c>"ts","type","source","severity","data"</c>.</summary>
    public static string EventBody(GatewayEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("ts", Iso8601.Format(e.Timestamp));
            w.WriteString("type", e.Type);
            w.WriteString("source", e.Source);
            w.WriteString("severity", e.Severity.ToString().ToLowerInvariant());
            w.WritePropertyName("data");
            JsonSerializer.Serialize(w, e.Data, DataOptions);
            w.WriteEndObject();
        }

        return Members(buffer.WrittenSpan);
    }

    /// <summary>The published message: <c>{"gatewayId","seq",…body}</c>, with <c>"backlog":true</c> after the seq
    /// when <paramref name="backlog"/> (a record sent from a backlog that live records may have overtaken).</summary>
    public static byte[] Message(string gatewayId, LogRecord record, bool backlog = false) =>
        Encoding.UTF8.GetBytes(backlog
            ? $"{{\"gatewayId\":{JsonSerializer.Serialize(gatewayId)},\"seq\":{record.Seq},\"backlog\":true,{record.Body}}}"
            : $"{{\"gatewayId\":{JsonSerializer.Serialize(gatewayId)},\"seq\":{record.Seq},{record.Body}}}");

    /// <summary>The contract's name of a quality.</summary>
    public static string QualityName(Quality quality) => quality switch
    {
        Quality.Good => "good",
        Quality.Uncertain => "uncertain",
        _ => "bad",
    };

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        // JSON has no NaN: a bad reading with no earlier good value carries null, never 0.
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, Math.Round(value, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Members(ReadOnlySpan<byte> json)
    {
        // Strip the outer braces: the log keeps the members, the uplink adds gatewayId and seq in front.
        return Encoding.UTF8.GetString(json[1..^1]);
    }
}
