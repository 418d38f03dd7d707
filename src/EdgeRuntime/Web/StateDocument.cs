using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Json;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Runtime.Web;

/// <summary><c>GET /api/state</c> (and each live update): <c>state.get</c>'s control states plus what a technician at the
/// cabinet needs: gateway, site time zone, clock trust, uplink with "down since" and the backlog's drain, every point
/// with unit and age, each lamp group's commanded and actual output level, devices with "failing since" and their
/// last good reading, mains "unknown" when its meter is bad, the active alarms, and the technician session (its end
/// time only to the technician logged in).</summary>
internal static class StateDocument
{
    /// <summary>The document now; <paramref name="mine"/> is the caller's own session, if logged in.</summary>
    public static async Task<JsonObject> BuildAsync(GatewayView view, DrainMeter drain, TechnicianSessionStatus? mine, bool loginEnabled, CancellationToken cancellationToken)
    {
        // The same lighting, parking, bins and cabinet JSON that state.get answers over MQTT.
        var state = (JsonObject)(await view.State.ExecuteAsync([], cancellationToken))!;
        var now = view.Time.GetUtcNow();
        var status = view.Uplink.Status;
        var (unsent, oldest) = view.Log.Unsent();
        var session = view.Cabinet.Session.Current(now);
        var d = drain.Observe(now, unsent, status.Published);
        var alarms = new JsonArray();

        var declared = view.Points.Points.ToDictionary(p => p.Point, StringComparer.Ordinal);
        var latest = view.Points.Snapshot().ToDictionary(r => r.Point, StringComparer.Ordinal);
        var points = new JsonArray();
        foreach (string name in declared.Keys.Union(latest.Keys).Order(StringComparer.Ordinal))
        {
            var info = declared.GetValueOrDefault(name);
            var r = latest.TryGetValue(name, out var reading) ? reading : (Contracts.Reading?)null;
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

        var lighting = (JsonArray)state["lighting"]!.DeepClone();
        foreach (var g in lighting.OfType<JsonObject>())
        {
            Outputs(view, g, alarms);
        }

        var cabinet = (JsonObject)state["cabinet"]!.DeepClone();
        if (mine is null)
        {
            cabinet.Remove("sessionUntil"); // when a night-time door opening stops being an intrusion: not for everyone
        }

        cabinet["mains"] = Mains(view, latest);
        var devices = Devices(view, declared.Values, latest, alarms);
        CabinetAlarms(view, cabinet, session is not null, alarms);
        foreach (var b in ((JsonArray)state["bins"]!).OfType<JsonObject>())
        {
            if (b["faulted"]?.GetValue<bool>() == true)
            {
                alarms.Add(Alarm("warning", (string)b["bin"]!, "bin sensor fault", null));
            }
            else if (b["alarm"]?.GetValue<bool>() == true)
            {
                alarms.Add(Alarm("warning", (string)b["bin"]!, "bin full", null));
            }
        }

        foreach (var b in ((JsonArray)state["parking"]!).OfType<JsonObject>().Where(b => b["faulted"]?.GetValue<bool>() == true))
        {
            alarms.Add(Alarm("warning", (string)b["bay"]!, "bay sensor fault", null));
        }

        if (status.State != UplinkState.Online && status.DownSince is { } down)
        {
            alarms.Add(Alarm("warning", "uplink", $"uplink down ({status.LastError ?? status.State.ToString().ToLowerInvariant()})", down));
        }

        if (!view.ClockTrust.Synced)
        {
            alarms.Add(Alarm("warning", "clock", "clock not synchronised: astro times may be wrong", null));
        }

        return new JsonObject
        {
            ["gatewayId"] = view.Identity.GatewayId,
            ["site"] = view.Options.Site.Name,
            ["timeZone"] = view.Options.Site.TimeZone,
            ["version"] = GatewayClock.Version,
            ["ts"] = Iso8601.Format(now),
            ["uptimeS"] = Math.Round(view.Clock.Uptime.TotalSeconds),
            ["clock"] = new JsonObject { ["trusted"] = view.ClockTrust.Synced },
            ["uplink"] = new JsonObject
            {
                ["state"] = status.State.ToString().ToLowerInvariant(),
                ["since"] = Iso8601.Format(status.Since),
                ["downSince"] = status.State == UplinkState.Online || status.DownSince is null ? null : Iso8601.Format(status.DownSince.Value),
                ["lastError"] = status.LastError,
                ["published"] = status.Published,
                ["backlog"] = unsent,
                ["oldestUnsentAgeS"] = oldest is { } o ? Math.Round((now - o).TotalSeconds) : null,
                ["drain"] = new JsonObject
                {
                    ["left"] = d.Left,
                    ["peak"] = d.Peak,
                    ["ratePerS"] = d.RatePerS,
                    ["etaS"] = d.EtaS,
                    ["progress"] = d.Progress,
                    ["draining"] = status.State == UplinkState.Online && d.Left > 0,
                },
            },
            ["alarms"] = alarms,
            ["i2cBuses"] = new JsonArray([.. view.Options.I2cBuses.Select(b => (JsonNode)b.BusId)]),
            ["points"] = points,
            ["devices"] = devices,
            ["lighting"] = lighting,
            ["parking"] = state["parking"]!.DeepClone(),
            ["bins"] = state["bins"]!.DeepClone(),
            ["cabinet"] = cabinet,
            ["session"] = new JsonObject
            {
                ["active"] = session is not null,
                ["until"] = mine is { } s ? Iso8601.Format(s.Until) : null,
                ["openedBy"] = mine?.OpenedBy,
                ["loggedIn"] = mine is not null,
                ["loginEnabled"] = loginEnabled,
                ["help"] = loginEnabled ? null : TechnicianEndpoints.NoPassword,
            },
        };
    }

    private static JsonObject Alarm(string severity, string source, string text, DateTimeOffset? since) => new()
    {
        ["severity"] = severity,
        ["source"] = source,
        ["text"] = text,
        ["since"] = since is { } s ? Iso8601.Format(s) : null,
    };

    // Commanded (the controller's decision) beside actual (what each output last took): a dead LED driver shows as
    // "output not answering", not as the level the program wanted.
    private static void Outputs(GatewayView view, JsonObject g, JsonArray alarms)
    {
        string group = (string)g["group"]!;
        var outputs = view.Lighting.OutputStatus(group);
        g["commanded"] = g["level"]?.DeepClone();
        g["outputs"] = new JsonArray([.. outputs.Select(o => (JsonNode)new JsonObject
        {
            ["output"] = o.Output,
            ["level"] = o.Level,
            ["ok"] = o.FailingSince is null && o.Level is not null,
            ["failingSince"] = o.FailingSince is { } f ? Iso8601.Format(f) : null,
            ["lastError"] = o.LastError,
        })]);
        var levels = outputs.Where(o => o.FailingSince is null).Select(o => o.Level).Distinct().ToList();
        g["actual"] = levels.Count == 1 && outputs.All(o => o.FailingSince is null) ? levels[0] : null;
        g["outputOk"] = outputs.All(o => o.FailingSince is null);
        foreach (var o in outputs.Where(o => o.FailingSince is not null))
        {
            alarms.Add(Alarm("critical", group, $"output {o.Output} not answering (last level sent without error: {(o.Level is { } l ? l + " %" : "none")}): {o.LastError}", o.FailingSince));
        }

        if (g["lampFailed"]?.GetValue<bool>() == true)
        {
            alarms.Add(Alarm("warning", group, "lamp failure (power below the expected share)", null));
        }

    }

    // Mains from the meter's voltage point: present/lost as the cabinet decides, "unknown" while the meter's
    // reading is not good (a dead meter is not a mains failure, nor mains present).
    private static string Mains(GatewayView view, IReadOnlyDictionary<string, Contracts.Reading> latest)
    {
        string point = view.Options.Cabinet.MainsVoltagePoint;
        if (point.Length == 0)
        {
            return "not monitored";
        }

        if (!latest.TryGetValue(point, out var r) || r.Quality != Contracts.Quality.Good)
        {
            return "unknown";
        }

        return view.Cabinet.Status.PowerLost ? "lost" : "present";
    }

    private static JsonArray Devices(GatewayView view, IEnumerable<Drivers.Polling.PointInfo> declared, IReadOnlyDictionary<string, Contracts.Reading> latest, JsonArray alarms)
    {
        var health = view.Health.Snapshot().Devices;
        var byDevice = declared.GroupBy(p => p.Device, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var devices = new JsonArray();
        foreach (var (id, report) in health)
        {
            // The device's health fields as the health message has them, then what the page adds.
            var h = Hosting.HealthJson.ToNode(report);
            bool ok = report.Ok;
            var failingSince = report.FailingSince;
            h["device"] = id;
            h["state"] = ok ? "ok" : report is Hosting.ModbusSlaveHealthReport { Breaker: "open" } ? "not answering (paused)" : report.LastSuccess is null && failingSince is null ? "no reading yet" : "failing";

            // The last good reading: the points' values carried from the last success (a failing driver repeats its
            // last good value with quality bad).
            h["lastGood"] = new JsonArray([.. byDevice.GetValueOrDefault(id, []).Where(p => latest.ContainsKey(p.Point) && report.LastSuccess is not null)
                .Select(p => (JsonNode)new JsonObject { ["point"] = p.Point, ["value"] = double.IsFinite(latest[p.Point].Value) ? Math.Round(latest[p.Point].Value, 3) : null, ["unit"] = p.Unit })]);
            devices.Add(h);
            if (!ok && (failingSince is not null || report.LastSuccess is not null))
            {
                alarms.Add(Alarm("warning", id, $"device {(string)h["state"]!}: {report.LastError ?? "no answer"}", failingSince));
            }
        }

        return devices;
    }

    private static void CabinetAlarms(GatewayView view, JsonObject cabinet, bool session, JsonArray alarms)
    {
        if (cabinet["doorOpen"]?.GetValue<bool>() == true)
        {
            alarms.Add(Alarm(session ? "info" : "critical", "cabinet", session ? "door open (technician session)" : "door OPEN without a technician session", null));
        }

        if (cabinet["overtemp"]?.GetValue<bool>() == true)
        {
            alarms.Add(Alarm("warning", "cabinet", "over temperature", null));
        }

        switch ((string?)cabinet["mains"])
        {
            case "lost":
                alarms.Add(Alarm("critical", "cabinet", "mains LOST", null));
                break;
            case "unknown":
                alarms.Add(Alarm("warning", "cabinet", $"mains unknown: the meter's {view.Options.Cabinet.MainsVoltagePoint} is not a good reading", null));
                break;
        }
    }
}
