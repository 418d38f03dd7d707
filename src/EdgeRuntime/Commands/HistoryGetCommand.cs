using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Sync.Log;

namespace EdgeGateway.Runtime.Commands;

/// <summary>
/// <c>history.get {"from","to","points"?,"types"?,"maxItems"?}</c>: replays from the log what it still holds in
/// [from, to), as the messages that were (or will be) published, with their seq, in pages of 100 items.
/// Telemetry is filtered by point and by time reading by reading; events by time.
/// </summary>
internal sealed class HistoryGetCommand(DurableLog log, Sync.Uplink.UplinkIdentity identity) : IPagedCommand
{
    /// <summary>Items per response page.</summary>
    public const int PageSize = 100;

    /// <summary>Most items one request returns.</summary>
    public const int MaxItems = 10_000;

    /// <inheritdoc />
    public string Name => "history.get";

    /// <inheritdoc />
    public async Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken)
    {
        // Unpaged use (the web page, tests): every page's items in one result.
        var all = new JsonArray();
        await foreach (var page in PagesAsync(arguments, cancellationToken))
        {
            foreach (var item in page["items"]!.AsArray())
            {
                all.Add(item!.DeepClone());
            }
        }

        return new JsonObject { ["items"] = all, ["count"] = all.Count };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JsonNode> PagesAsync(JsonObject arguments, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, to, points, telemetry, events, max) = Parse(arguments);

        // The scan runs to its end on this thread before the first page goes out: LiteDB's query holds a read lock that
        // belongs to the thread that took it, and an await inside the enumeration (ours, or the consumer's between
        // pages) resumes elsewhere, leaving the lock behind for the next transaction on that thread to trip over
        // (LockRecursionException at the log's next write). At most MaxItems items are held.
        var found = new List<JsonNode>();
        bool truncated = false;

        // A batch is stamped with its first reading and closes within Recorder:MaxBatchAge; an hour covers any setting.
        foreach (var record in log.ReadRange(from.UtcTicks > TimeSpan.TicksPerHour ? from.AddHours(-1) : DateTimeOffset.MinValue, to))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Item(record, from, to, points, telemetry, events) is not { } item)
            {
                continue;
            }

            if (found.Count >= max)
            {
                truncated = true;
                break;
            }

            found.Add(item);
        }

        int total = found.Count;
        for (int start = 0; ; start += PageSize)
        {
            var items = new JsonArray([.. found.Skip(start).Take(PageSize)]);
            if (start + PageSize >= total)
            {
                yield return Last(items, total, truncated);
                yield break;
            }

            yield return Page(items);
            await Task.Yield();
        }
    }

    private static JsonObject Page(JsonArray items) => new() { ["items"] = items, ["count"] = items.Count };

    private static JsonObject Last(JsonArray items, int total, bool truncated)
    {
        var page = Page(items);
        page["total"] = total;
        page["truncated"] = truncated;
        return page;
    }

    private JsonObject? Item(LogRecord record, DateTimeOffset from, DateTimeOffset to, HashSet<string>? points, bool telemetry, bool events)
    {
        var message = JsonNode.Parse(Sync.Json.PayloadWriter.Message(identity.GatewayId, record))!.AsObject();
        if (record.Kind == RecordKind.Event)
        {
            var ts = DateTimeOffset.Parse(message["ts"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            return events && ts >= from && ts < to ? message : null;
        }

        if (!telemetry)
        {
            return null;
        }

        // A batch's readings can straddle the window; keep the ones inside it (and of the asked points).
        var readings = message["readings"]!.AsArray();
        var kept = new JsonArray([.. readings.Where(r =>
        {
            var ts = DateTimeOffset.Parse(r!["ts"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            return ts >= from && ts < to && (points is null || points.Contains(r["point"]!.GetValue<string>()));
        }).Select(r => r!.DeepClone())]);
        if (kept.Count == 0)
        {
            return null;
        }

        message["readings"] = kept;
        return message;
    }

    private static (DateTimeOffset From, DateTimeOffset To, HashSet<string>? Points, bool Telemetry, bool Events, int Max) Parse(JsonObject a)
    {
        var from = Time(a, "from");
        var to = Time(a, "to");
        if (to <= from)
        {
            throw new CommandException("bad_request", "to: must be after from");
        }

        HashSet<string>? points = null;
        if (a["points"] is JsonArray p)
        {
            points = [.. p.Select(x => x is JsonValue v && v.TryGetValue(out string? s) ? s : throw new CommandException("bad_request", "points: must be an array of point names"))];
        }
        else if (a["points"] is not null)
        {
            throw new CommandException("bad_request", "points: must be an array of point names");
        }

        var types = a["types"] is JsonArray t
            ? t.Select(x => x?.GetValueKind() == JsonValueKind.String ? x.GetValue<string>() : "").ToList()
            : a["types"] is null ? ["telemetry", "events"] : throw new CommandException("bad_request", "types: must be an array");
        if (types.Count == 0 || types.Any(x => x is not ("telemetry" or "events")))
        {
            throw new CommandException("bad_request", "types: must list \"telemetry\" and/or \"events\"");
        }

        int max = MaxItems;
        if (a["maxItems"] is { } m && (m.GetValueKind() != JsonValueKind.Number || !m.AsValue().TryGetValue(out max) || max is < 1 or > MaxItems))
        {
            throw new CommandException("bad_request", $"maxItems: must be a whole number 1-{MaxItems}");
        }

        return (from, to, points, types.Contains("telemetry"), types.Contains("events"), max);
    }

    private static DateTimeOffset Time(JsonObject a, string name) =>
        a[name] is JsonValue v && v.TryGetValue(out string? s)
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : throw new CommandException("bad_request", $"{name}: required, an ISO 8601 time such as 2026-11-26T16:00:00.000Z");
}
