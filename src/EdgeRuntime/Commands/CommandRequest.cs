using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeGateway.Runtime.Commands;

/// <summary>
/// A command payload read defensively: one pass of <see cref="Utf8JsonReader"/> finds where to reply (the 3.1.1
/// <c>replyTo</c> and <c>id</c>) even when the rest is bad, and refuses, as <c>bad_request</c> naming the field, a
/// payload that is not UTF-8 JSON, not an object, nested deeper than <see cref="MaxDepth"/>, larger than
/// <see cref="MaxBytes"/>, or that repeats a key (<c>{"a":1,"a":2}</c>: which one would the sender mean?).
/// </summary>
internal sealed class CommandRequest
{
    /// <summary>The largest payload taken (a whole configuration for <c>config.set</c> fits many times over).</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The deepest nesting taken.</summary>
    public const int MaxDepth = 16;

    /// <summary>The longest <c>replyTo</c> topic and <c>id</c> taken.</summary>
    public const int MaxReplyLength = 512;

    private CommandRequest(JsonObject? arguments, string? replyTo, JsonNode? id, CommandException? error)
    {
        Arguments = arguments;
        ReplyTo = replyTo;
        Id = id;
        Error = error;
    }

    /// <summary>The arguments, without <c>replyTo</c>, <c>id</c> and <c>ts</c>; null when <see cref="Error"/> is set.</summary>
    public JsonObject? Arguments { get; }

    /// <summary>The payload's <c>replyTo</c>, when it carried a usable one.</summary>
    public string? ReplyTo { get; }

    /// <summary>The payload's <c>id</c> to echo, when it carried a usable one (a string or a number).</summary>
    public JsonNode? Id { get; }

    /// <summary>Why the payload is refused, or null.</summary>
    public CommandException? Error { get; }

    /// <summary>The payload's optional <c>ts</c> (when the request was sent); a bad one is an <see cref="Error"/>.</summary>
    public DateTimeOffset? SentAt { get; private init; }

    /// <summary>Reads <paramref name="payload"/>; never throws.</summary>
    public static CommandRequest Read(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return new CommandRequest([], null, null, null);
        }

        var scan = Scan(payload);
        if (scan.Error is null && payload.Length > MaxBytes)
        {
            scan.Error = CommandException.BadRequest("payload", $"{payload.Length} bytes; at most {MaxBytes} are taken");
        }

        if (scan.Error is not null)
        {
            return new CommandRequest(null, scan.ReplyTo, scan.Id, scan.Error);
        }

        JsonObject arguments;
        try
        {
            arguments = JsonNode.Parse(payload, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth + 1 })!.AsObject();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return new CommandRequest(null, scan.ReplyTo, scan.Id, CommandException.BadRequest("payload", "not valid UTF-8 JSON"));
        }

        arguments.Remove("replyTo");
        arguments.Remove("id");
        DateTimeOffset? sentAt = null;
        if (arguments["ts"] is { } ts)
        {
            if (ts.GetValueKind() != JsonValueKind.String
                || !DateTimeOffset.TryParse(ts.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
            {
                return new CommandRequest(null, scan.ReplyTo, scan.Id, CommandException.BadRequest("ts", "must be an ISO 8601 time such as 2026-11-26T16:00:00.000Z"));
            }

            sentAt = t;
            arguments.Remove("ts");
        }

        return new CommandRequest(arguments, scan.ReplyTo, scan.Id, null) { SentAt = sentAt };
    }

    private static ScanResult Scan(ReadOnlySpan<byte> payload)
    {
        var result = new ScanResult();
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow });
        var keys = new Stack<HashSet<string>>();
        var path = new Stack<string>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (reader.CurrentDepth == 0 && reader.TokenType != JsonTokenType.StartObject)
                        {
                            result.Error ??= CommandException.BadRequest("payload", "must be a JSON object");
                            return result;
                        }

                        if (reader.CurrentDepth >= MaxDepth)
                        {
                            result.Error ??= CommandException.BadRequest(Join(path, property), $"nested deeper than {MaxDepth} levels");
                            return result;
                        }

                        path.Push(property ?? (reader.CurrentDepth == 0 ? "" : "[]"));
                        keys.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : []);
                        property = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        keys.Pop();
                        path.Pop();
                        property = null;
                        break;
                    case JsonTokenType.PropertyName:
                        property = reader.GetString()!;
                        if (!keys.Peek().Add(property))
                        {
                            result.Error ??= CommandException.BadRequest(Join(path, property), "the key appears more than once");
                        }

                        if (reader.CurrentDepth == 1)
                        {
                            Envelope(ref reader, property, result);
                        }

                        break;
                    default:
                        if (reader.CurrentDepth == 0)
                        {
                            result.Error ??= CommandException.BadRequest("payload", "must be a JSON object");
                            return result;
                        }

                        property = null;
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            result.Error ??= CommandException.BadRequest("payload", $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }
        catch (InvalidOperationException)
        {
            result.Error ??= CommandException.BadRequest("payload", "not valid UTF-8");
        }

        return result;
    }

    private static void Envelope(ref Utf8JsonReader reader, string name, ScanResult result)
    {
        if (name is not ("replyTo" or "id"))
        {
            return;
        }

        // The value right after the key; the main loop then sees its end (or, for a container, walks into it).
        var copy = reader;
        if (!copy.Read())
        {
            return;
        }

        if (name == "replyTo")
        {
            if (copy.TokenType == JsonTokenType.String && result.ReplyTo is null && copy.GetString() is { Length: > 0 and <= MaxReplyLength } topic
                && topic.IndexOfAny(['+', '#', '\0']) < 0)
            {
                result.ReplyTo = topic;
            }
            else
            {
                result.Error ??= CommandException.BadRequest("replyTo", $"must be a topic without wildcards, 1-{MaxReplyLength} characters");
            }
        }
        else if (result.Id is null && copy.TokenType is JsonTokenType.String or JsonTokenType.Number && copy.ValueSpan.Length <= MaxReplyLength)
        {
            result.Id = copy.TokenType == JsonTokenType.String ? JsonValue.Create(copy.GetString()) : JsonNode.Parse(Encoding.UTF8.GetString(copy.ValueSpan));
        }
        else
        {
            result.Error ??= CommandException.BadRequest("id", $"must be a string or a number of at most {MaxReplyLength} characters");
        }
    }

    private static string Join(Stack<string> path, string? property) =>
        string.Join('.', path.Reverse().Append(property ?? "").Where(p => p.Length > 0)) is { Length: > 0 } joined ? joined : "payload";

    private sealed class ScanResult
    {
        public string? ReplyTo { get; set; }

        public JsonNode? Id { get; set; }

        public CommandException? Error { get; set; }
    }
}
