using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Json;

namespace EdgeGateway.Runtime.Web;

/// <summary><c>GET /api/state</c>: <c>state.get</c>'s control states plus what a technician at the cabinet needs
/// (gateway, clock trust, uplink and backlog, every point with unit and age, the technician session).</summary>
internal static class StateDocument
{
    /// <summary>The document now; <paramref name="mine"/> is the caller's own session, if logged in.</summary>
    public static async Task<JsonObject> BuildAsync(GatewayView view, TechnicianSessionStatus? mine, bool loginEnabled, CancellationToken cancellationToken)
    {
        // The same lighting, parking, bins and cabinet JSON that state.get answers over MQTT.
        var state = (JsonObject)(await view.State.ExecuteAsync([], cancellationToken))!;
        var now = view.Time.GetUtcNow();
        var status = view.Uplink.Status;
        var (unsent, oldest) = view.Log.Unsent();
        var session = view.Cabinet.Session.Current(now);

        var declared = view.Points.Points.ToDictionary(p => p.Point, StringComparer.Ordinal);
        var latest = view.Points.Snapshot().ToDictionary(r => r.Point, StringComparer.Ordinal);
        var points = new JsonArray();
        foreach (string name in declared.Keys.Union(latest.Keys).Order(StringComparer.Ordinal))
        {
            var info = declared.GetValueOrDefault(name);
            var r = latest.TryGetValue(name, out var reading) ? reading : (Drivers.Core.Reading?)null;
            points.Add(new JsonObject
            {
                ["point"] = name,
                ["unit"] = info?.Unit ?? "",
                ["kind"] = info?.Kind ?? "",
                ["device"] = info?.Device ?? "",
                ["value"] = r is { } v && double.IsFinite(v.Value) ? v.Value : null,
                ["quality"] = r is { } q ? PayloadWriter.QualityName(q.Quality) : null,
                ["ts"] = r is { } t ? Iso8601.Format(t.Timestamp) : null,
                ["ageS"] = r is { } a ? Math.Round((now - a.Timestamp).TotalSeconds, 1) : null,
            });
        }

        return new JsonObject
        {
            ["gatewayId"] = view.Identity.GatewayId,
            ["site"] = view.Options.Site.Name,
            ["version"] = GatewayClock.Version,
            ["ts"] = Iso8601.Format(now),
            ["uptimeS"] = Math.Round(view.Clock.Uptime.TotalSeconds),
            ["clock"] = new JsonObject { ["trusted"] = view.ClockTrust.Synced },
            ["uplink"] = new JsonObject
            {
                ["state"] = status.State.ToString().ToLowerInvariant(),
                ["since"] = Iso8601.Format(status.Since),
                ["lastError"] = status.LastError,
                ["published"] = status.Published,
                ["backlog"] = unsent,
                ["oldestUnsentAgeS"] = oldest is { } o ? Math.Round((now - o).TotalSeconds) : null,
            },
            ["points"] = points,
            ["lighting"] = state["lighting"]!.DeepClone(),
            ["parking"] = state["parking"]!.DeepClone(),
            ["bins"] = state["bins"]!.DeepClone(),
            ["cabinet"] = state["cabinet"]!.DeepClone(),
            ["session"] = new JsonObject
            {
                ["active"] = session is not null,
                ["until"] = session is { } s ? Iso8601.Format(s.Until) : null,
                ["openedBy"] = session?.OpenedBy,
                ["loggedIn"] = mine is not null,
                ["loginEnabled"] = loginEnabled,
            },
        };
    }
}
