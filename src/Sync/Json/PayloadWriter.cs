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

    // One buffer per thread (the recorder's loop): a batch's JSON is written into it, not into a fresh array per batch.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>The stored body of a telemetry batch: <c>"readings":[…]</c>.</summary>
    public static string TelemetryBody(IReadOnlyList<Reading> readings)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        Span<byte> ts = stackalloc byte[Iso8601.Length];
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("readings");
            for (int i = 0; i < readings.Count; i++)
            {
                var r = readings[i];
                w.WriteStartObject();
                w.WriteString(PointName, r.Point);
                Iso8601.FormatUtf8(r.Timestamp, ts);
                w.WriteString(TsName, ts);
                WriteNumber(w, ValueName, r.Value);
                w.WriteString(QualityProperty, r.Quality switch { Quality.Good => Good, Quality.Uncertain => Uncertain, _ => Bad });
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        string body = Members(buffer.WrittenSpan);
        if (buffer.Capacity > 1024 * 1024)
        {
            t_buffer = null; // an outsized batch: do not keep its buffer for ever
        }

        return body;
    }

    private static readonly JsonEncodedText PointName = JsonEncodedText.Encode("point");
    private static readonly JsonEncodedText TsName = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText QualityProperty = JsonEncodedText.Encode("quality");
    private static readonly JsonEncodedText Good = JsonEncodedText.Encode("good");
    private static readonly JsonEncodedText Uncertain = JsonEncodedText.Encode("uncertain");
    private static readonly JsonEncodedText Bad = JsonEncodedText.Encode("bad");

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
    public static byte[] Message(string gatewayId, LogRecord record, bool backlog = false)
    {
        // Written straight into the message's one array: no interpolated string of the whole body on the way.
        string body = record.Body;
        string id = gatewayId.AsSpan().ContainsAnyExcept(Plain) ? JsonSerializer.Serialize(gatewayId) : $"\"{gatewayId}\"";
        Span<byte> seq = stackalloc byte[20];
        record.Seq.TryFormat(seq, out int seqLength, default, System.Globalization.CultureInfo.InvariantCulture);
        ReadOnlySpan<byte> head = "{\"gatewayId\":"u8;
        ReadOnlySpan<byte> seqName = ",\"seq\":"u8;
        ReadOnlySpan<byte> flag = backlog ? ",\"backlog\":true"u8 : [];
        int bodyLength = Encoding.UTF8.GetByteCount(body);
        int idLength = Encoding.UTF8.GetByteCount(id);
        var message = new byte[head.Length + idLength + seqName.Length + seqLength + flag.Length + 1 + bodyLength + 1];
        var span = message.AsSpan();
        head.CopyTo(span);
        int at = head.Length;
        at += Encoding.UTF8.GetBytes(id, span[at..]);
        seqName.CopyTo(span[at..]);
        at += seqName.Length;
        seq[..seqLength].CopyTo(span[at..]);
        at += seqLength;
        flag.CopyTo(span[at..]);
        at += flag.Length;
        span[at++] = (byte)',';
        at += Encoding.UTF8.GetBytes(body, span[at..]);
        span[at] = (byte)'}';
        return message;
    }

    // Characters JsonSerializer writes as they are (gateway ids are letters, digits, '-' and '_'); any other id is
    // written by JsonSerializer itself, escapes and all.
    private static readonly System.Buffers.SearchValues<char> Plain =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/ ");

    /// <summary>The contract's name of a quality.</summary>
    public static string QualityName(Quality quality) => quality switch
    {
        Quality.Good => "good",
        Quality.Uncertain => "uncertain",
        _ => "bad",
    };

    private static void WriteNumber(Utf8JsonWriter w, JsonEncodedText name, double value)
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
