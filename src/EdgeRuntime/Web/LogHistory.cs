using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Json;
using EdgeGateway.Sync.Log;

namespace EdgeGateway.Runtime.Web;

/// <summary>
/// What the page shows from the durable log: the recent events (for the list and the alarms) and the last 24 h of
/// the charted points, bucketed. Loaded once with <see cref="DurableLog.ReadRange"/> over the last day, then kept up
/// with <see cref="DurableLog.ReadAfter"/> from the last record seen, so a request never rereads the whole day.
/// </summary>
internal sealed class LogHistory(DurableLog log, PointTable points)
{
    /// <summary>The window the page shows.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>Chart resolution: one value (the last) per bucket.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(5);

    /// <summary>Events kept in memory for the list.</summary>
    public const int MaxEvents = 500;

    /// <summary>The point kinds the page charts.</summary>
    public static readonly IReadOnlySet<string> ChartedKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "illuminance", "dimLevel", "fillLevel", "occupancy", "activePower",
    };

    private const int ReadBatch = 2000;
    private readonly Lock _gate = new();
    private readonly LinkedList<JsonObject> _events = new();
    private readonly Dictionary<string, SortedDictionary<long, double>> _series = new(StringComparer.Ordinal);
    private HashSet<string> _charted = new(StringComparer.Ordinal);
    private bool _loaded;
    private long _lastSeq;

    /// <summary>Reads what the log got since the last call.</summary>
    public void Refresh(DateTimeOffset now)
    {
        lock (_gate)
        {
            _charted = [.. points.Points.Where(p => ChartedKinds.Contains(p.Kind)).Select(p => p.Point)];
            if (!_loaded)
            {
                foreach (var r in log.ReadRange(now - Window, now + Window))
                {
                    Add(r);
                }

                _loaded = true;
            }

            while (true)
            {
                var batch = log.ReadAfter(_lastSeq, ReadBatch);
                foreach (var r in batch)
                {
                    Add(r);
                }

                if (batch.Count < ReadBatch)
                {
                    break;
                }
            }

            long oldest = Key(now - Window);
            foreach (var s in _series.Values)
            {
                while (s.Count > 0 && s.Keys.First() < oldest)
                {
                    s.Remove(s.Keys.First());
                }
            }
        }
    }

    /// <summary>The newest seq read so far.</summary>
    public long LastSeq { get { lock (_gate) { return _lastSeq; } } }

    /// <summary>Recent events, alarms (warning, critical) first, each part newest on top; only
    /// <paramref name="severity"/> when given; events after <paramref name="afterSeq"/> only.</summary>
    public JsonArray Events(string? severity, int max, long afterSeq = 0)
    {
        lock (_gate)
        {
            var chosen = _events
                .Where(e => severity is null || (string?)e["severity"] == severity)
                .Where(e => (long)e["seq"]! > afterSeq)
                .OrderBy(e => (string?)e["severity"] == "info" ? 1 : 0)
                .ThenByDescending(e => (long)e["seq"]!)
                .Take(max);
            return [.. chosen.Select(e => e.DeepClone())];
        }
    }

    /// <summary>The chart document: every charted point's bucketed series over the last day.</summary>
    public JsonObject Charts(DateTimeOffset now, JsonArray thresholds)
    {
        var declared = points.Points.Where(p => ChartedKinds.Contains(p.Kind)).ToList();
        var series = new JsonArray();
        lock (_gate)
        {
            foreach (var p in declared)
            {
                var values = _series.GetValueOrDefault(p.Point);
                series.Add(new JsonObject
                {
                    ["point"] = p.Point,
                    ["kind"] = p.Kind,
                    ["unit"] = p.Unit,
                    ["device"] = p.Device,
                    ["points"] = new JsonArray([.. (values ?? []).Select(v => (JsonNode)new JsonArray(v.Key * (long)Bucket.TotalMilliseconds, Math.Round(v.Value, 3)))]),
                });
            }
        }

        return new JsonObject
        {
            ["from"] = Iso8601.Format(now - Window),
            ["to"] = Iso8601.Format(now),
            ["bucketS"] = (int)Bucket.TotalSeconds,
            ["series"] = series,
            ["thresholds"] = thresholds,
        };
    }

    private static long Key(DateTimeOffset ts) => ts.ToUnixTimeMilliseconds() / (long)Bucket.TotalMilliseconds;

    private void Add(LogRecord r)
    {
        if (r.Seq <= _lastSeq)
        {
            return;
        }

        _lastSeq = r.Seq;
        JsonObject? body;
        try
        {
            body = JsonNode.Parse("{" + r.Body + "}") as JsonObject;
        }
        catch (JsonException)
        {
            return; // not ours to judge here; the uplink dead-letters what the broker refuses
        }

        if (body is null)
        {
            return;
        }

        if (r.Kind == RecordKind.Event)
        {
            body["seq"] = r.Seq;
            body.Remove("backlog");
            _events.AddLast(body);
            if (_events.Count > MaxEvents)
            {
                _events.RemoveFirst();
            }

            return;
        }

        if (body["readings"] is not JsonArray readings)
        {
            return;
        }

        foreach (var reading in readings.OfType<JsonObject>())
        {
            if ((string?)reading["point"] is not { } point || !Charted(point)
                || reading["value"] is not JsonValue v || !v.TryGetValue(out double value) || !double.IsFinite(value)
                || (string?)reading["quality"] == "bad"
                || !DateTimeOffset.TryParse((string?)reading["ts"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ts))
            {
                continue;
            }

            if (!_series.TryGetValue(point, out var s))
            {
                _series[point] = s = [];
            }

            s[Key(ts)] = value;
        }
    }

    private bool Charted(string point) => _charted.Contains(point);
}
