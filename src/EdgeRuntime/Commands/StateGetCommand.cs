using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Parking;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Runtime.Waste;
using EdgeGateway.Sync.Json;

namespace EdgeGateway.Runtime.Commands;

/// <summary><c>state.get</c>: current point values with quality and age, and control states.</summary>
internal sealed class StateGetCommand(PointTable points, LightingService lighting, ParkingService parking, WasteService waste, CabinetService cabinet, GatewayClock clock) : IGatewayCommand
{
    /// <inheritdoc />
    public string Name => "state.get";

    /// <inheritdoc />
    public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken)
    {
        var now = clock.Time.GetUtcNow();
        var pointsJson = new JsonObject();
        foreach (var r in points.Snapshot())
        {
            pointsJson[r.Point] = new JsonObject
            {
                ["value"] = double.IsFinite(r.Value) ? r.Value : null,
                ["quality"] = PayloadWriter.QualityName(r.Quality),
                ["ts"] = Iso8601.Format(r.Timestamp),
                ["ageS"] = Math.Round((now - r.Timestamp).TotalSeconds, 1),
            };
        }

        var groups = new JsonArray();
        foreach (var runner in lighting.Groups.Values)
        {
            var s = runner.Status(now);
            groups.Add(new JsonObject
            {
                ["group"] = s.Group,
                ["mode"] = s.Mode.ToString(),
                ["strategy"] = s.Strategy.ToString(),
                ["level"] = s.Level,
                ["cause"] = s.Cause.ToWire(),
                ["sensorOk"] = s.SensorOk,
                ["clockOk"] = s.ClockOk,
                ["override"] = s.Override is { } o ? new JsonObject { ["level"] = o.Level, ["until"] = Iso8601.Format(o.ExpiresAt) } : null,
                ["lampFailed"] = s.LampFailed,
                ["burningHours"] = Math.Round(s.Counters.BurningHours, 2),
                ["switchOns"] = s.Counters.SwitchOnCount,
                ["energyWh"] = Math.Round(s.Counters.EnergyWh, 1),
            });
        }

        var bays = new JsonArray();
        foreach (var b in parking.Status)
        {
            bays.Add(new JsonObject { ["bay"] = b.BayId, ["occupied"] = b.Occupied, ["faulted"] = b.Faulted, ["deviationUt"] = Math.Round(b.DeviationUt, 2), ["arrivals"] = b.Arrivals });
        }

        var bins = new JsonArray();
        foreach (var b in waste.Status)
        {
            bins.Add(new JsonObject { ["bin"] = b.BinId, ["fillPct"] = b.FillPct, ["alarm"] = b.AlarmActive, ["faulted"] = b.Faulted });
        }

        var c = cabinet.Status;
        var cabinetJson = new JsonObject
        {
            ["doorOpen"] = c.DoorOpen, ["openings"] = c.Openings, ["sessionUntil"] = c.SessionUntil is { } u ? Iso8601.Format(u) : null,
            ["overtemp"] = c.Overtemp, ["powerLost"] = c.PowerLost, ["night"] = c.IsNight,
        };
        return Task.FromResult<JsonNode?>(new JsonObject
        {
            ["ts"] = Iso8601.Format(now), ["points"] = pointsJson, ["lighting"] = groups, ["overrides"] = new JsonArray([.. lighting.Groups.Values.Select(r => r.Status(now)).Where(s => s.Override is not null).Select(s => (JsonNode)s.Group)]), ["parking"] = bays, ["bins"] = bins, ["cabinet"] = cabinetJson,
        });
    }
}
