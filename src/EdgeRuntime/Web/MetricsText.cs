using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Runtime.Web;

/// <summary><c>GET /metrics</c> in the Prometheus text exposition format 0.0.4: point values with their labels, the
/// uplink and its backlog, per-device health counters, lamp groups.</summary>
internal static class MetricsText
{
    /// <summary>The content type Prometheus expects.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The exposition now.</summary>
    public static string Build(GatewayView view)
    {
        var now = view.Time.GetUtcNow();
        var text = new StringBuilder();
        var declared = view.Points.Points.ToDictionary(p => p.Point, StringComparer.Ordinal);
        var readings = view.Points.Snapshot();

        Family(text, "edge_point_value", "gauge", "Latest value of a point, in its unit.");
        foreach (var r in readings)
        {
            var info = declared.GetValueOrDefault(r.Point);
            Sample(text, "edge_point_value", [("point", r.Point), ("device", info?.Device ?? ""), ("unit", info?.Unit ?? ""), ("kind", info?.Kind ?? ""), ("quality", Sync.Json.PayloadWriter.QualityName(r.Quality))], r.Value);
        }

        Family(text, "edge_point_age_seconds", "gauge", "Age of a point's latest value.");
        foreach (var r in readings)
        {
            Sample(text, "edge_point_age_seconds", [("point", r.Point)], Math.Round((now - r.Timestamp).TotalSeconds, 3));
        }

        var status = view.Uplink.Status;
        var (unsent, oldest) = view.Log.Unsent();
        Family(text, "edge_uplink_state", "gauge", "1 for the uplink's current state.");
        foreach (var state in Enum.GetValues<UplinkState>())
        {
            Sample(text, "edge_uplink_state", [("state", state.ToString().ToLowerInvariant())], state == status.State ? 1 : 0);
        }

        Family(text, "edge_uplink_backlog_records", "gauge", "Log records not yet acknowledged by the broker.");
        Sample(text, "edge_uplink_backlog_records", [], unsent);
        Family(text, "edge_uplink_oldest_unsent_age_seconds", "gauge", "Age of the oldest unsent record (0 when none).");
        Sample(text, "edge_uplink_oldest_unsent_age_seconds", [], oldest is { } o ? Math.Round((now - o).TotalSeconds, 3) : 0);
        Family(text, "edge_uplink_published_total", "counter", "Records acknowledged by the broker since start.");
        Sample(text, "edge_uplink_published_total", [], status.Published);
        Family(text, "edge_uplink_connect_attempts_total", "counter", "Broker connect attempts since start.");
        Sample(text, "edge_uplink_connect_attempts_total", [], status.ConnectAttempts);
        Family(text, "edge_uplink_dead_lettered_total", "counter", "Records the broker refused as invalid since start.");
        Sample(text, "edge_uplink_dead_lettered_total", [], status.DeadLettered);
        Family(text, "edge_log_bytes", "gauge", "Size of the durable log.");
        Sample(text, "edge_log_bytes", [], view.Log.TotalBytes);

        // Per-device health: exactly what the MQTT health message carries.
        var devices = (JsonObject)view.Health.Snapshot()["devices"]!;
        Family(text, "edge_device_up", "gauge", "1 when the device's last read succeeded.");
        foreach (var (id, d) in devices)
        {
            Sample(text, "edge_device_up", [("device", id)], d!["ok"]!.GetValue<bool>() ? 1 : 0);
        }

        Family(text, "edge_device_reads_total", "counter", "Reads of the device since start.");
        foreach (var (id, d) in devices)
        {
            Sample(text, "edge_device_reads_total", [("device", id)], d!["reads"]!.GetValue<long>());
        }

        Family(text, "edge_device_failures_total", "counter", "Failed reads of the device since start.");
        foreach (var (id, d) in devices)
        {
            Sample(text, "edge_device_failures_total", [("device", id)], d!["failures"]!.GetValue<long>());
        }

        // Modbus slaves: requests by outcome and latency (the devices whose health carries a bus).
        var slaves = devices.Where(d => d.Value?["bus"] is not null).ToList();
        foreach (var (name, key, help) in new[]
        {
            ("edge_modbus_timeouts_total", "timeouts", "Requests to the slave that got no answer."),
            ("edge_modbus_frame_errors_total", "frameErrors", "Answers from the slave with a bad CRC or frame."),
            ("edge_modbus_exceptions_total", "exceptions", "Exception responses from the slave."),
            ("edge_modbus_skipped_polls_total", "skippedPolls", "Polls not sent because the slave's breaker was open."),
        })
        {
            Family(text, name, "counter", help);
            foreach (var (id, d) in slaves)
            {
                Sample(text, name, [("device", id), ("bus", d!["bus"]!.GetValue<string>())], d[key]!.GetValue<long>());
            }
        }

        Family(text, "edge_modbus_latency_ms", "gauge", "Duration of the slave's last answered request.");
        foreach (var (id, d) in slaves.Where(d => d.Value!["latencyMs"] is not null))
        {
            Sample(text, "edge_modbus_latency_ms", [("device", id), ("bus", d!["bus"]!.GetValue<string>())], d["latencyMs"]!.GetValue<double>());
        }

        var groups = view.Lighting.Groups.Values.Select(g => g.Status(now)).ToList();
        Family(text, "edge_lamp_level_percent", "gauge", "Commanded level of a lamp group.");
        foreach (var g in groups)
        {
            Sample(text, "edge_lamp_level_percent", [("group", g.Group), ("cause", Lighting.LightCauseNames.ToWire(g.Cause))], g.Level ?? double.NaN);
        }

        Family(text, "edge_lamp_override_active", "gauge", "1 while an override holds the group.");
        foreach (var g in groups)
        {
            Sample(text, "edge_lamp_override_active", [("group", g.Group)], g.Override is null ? 0 : 1);
        }

        Family(text, "edge_uptime_seconds", "gauge", "Time since the gateway started.");
        Sample(text, "edge_uptime_seconds", [], Math.Round(view.Clock.Uptime.TotalSeconds, 3));
        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, (string Name, string Value)[] labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\"")).Append('}');
        }

        text.Append(' ').Append(Format(value)).Append('\n');
    }

    // Exposition format: label values escape backslash, double quote and line feed.
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Format(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
