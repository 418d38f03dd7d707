using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Json;

namespace EdgeGateway.Runtime.Commands;

/// <summary><c>state.get</c>: current point values with quality and age, and control states.</summary>
public sealed class StateGetCommand(PointTable points, LightingService lighting, GatewayClock clock) : IGatewayCommand
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
        foreach (var g in lighting.Status)
        {
            groups.Add(new JsonObject { ["group"] = g.Group, ["on"] = g.On, ["level"] = g.Level, ["cause"] = g.Cause });
        }

        return Task.FromResult<JsonNode?>(new JsonObject { ["ts"] = Iso8601.Format(now), ["points"] = pointsJson, ["lighting"] = groups });
    }
}
