using LiteDB;

namespace EdgeGateway.Sync.Log;

/// <summary>A stored record. <see cref="Seq"/> is the gateway-wide sequence number (CONTRACT.md).</summary>
public sealed class LogRecord
{
    private string? _body;

    /// <summary>The gateway-wide sequence number; the LiteDB document id.</summary>
    public long Seq { get; set; }

    /// <summary>Telemetry batch or event.</summary>
    public RecordKind Kind { get; set; }

    /// <summary>UTC time of the first reading or of the event.</summary>
    public DateTime Ts { get; set; }

    /// <summary>JSON members of the message other than <c>gatewayId</c> and <c>seq</c>.</summary>
    [BsonIgnore]
    public string Body
    {
        get => _body ??= Packed is { } packed ? BodyCodec.Unpack(packed) : Plain ?? "";
        set
        {
            _body = value;
            Packed = BodyCodec.Pack(value);
            Plain = Packed is null ? value : null;
        }
    }

    /// <summary>The body as stored when it is large enough to compress (a telemetry batch): deflate of its UTF-8.</summary>
    [BsonField("Z")]
    public byte[]? Packed { get; set; }

    /// <summary>The body as stored when it is small (an event), and in files written before bodies were compressed.</summary>
    [BsonField("Body")]
    public string? Plain { get; set; }

    /// <summary>Event type; empty for telemetry (files written before held the batch's points joined by '|').</summary>
    public string Tag { get => _tag; set => _tag = value ?? ""; } // LiteDB reads an empty string back as null

    private string _tag = "";

    /// <summary>Stored size in bytes, for the retention budget.</summary>
    public int Size { get; set; }

    /// <summary>Bytes the body takes in the file.</summary>
    internal int StoredBodyBytes => Packed?.Length ?? System.Text.Encoding.UTF8.GetByteCount(Plain ?? "");
}
