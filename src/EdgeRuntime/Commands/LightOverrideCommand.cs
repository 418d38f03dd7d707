using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Commands;

/// <summary><c>light.override</c> <c>{"group","level":0-100,"durationS":1-86400}</c>: holds the group at the level until
/// it expires; the newest override replaces the previous one.</summary>
internal sealed class LightOverrideCommand(LightingService lighting, TimeProvider time) : IGatewayCommand
{
    /// <inheritdoc />
    public string Name => "light.override";

    /// <inheritdoc />
    public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken) => Execute(arguments, "mqtt");

    /// <summary>Runs the command for <paramref name="by"/> (<c>mqtt</c>, <c>technician page</c>), named in the events.</summary>
    /// <exception cref="CommandException"><c>bad_request</c> naming the bad argument.</exception>
    public Task<JsonNode?> Execute(JsonObject arguments, string by)
    {
        if (!OverrideRequest.TryParse(JsonSerializer.SerializeToElement(arguments), out var parsed, out var errors))
        {
            throw new CommandException("bad_request", string.Join("; ", errors));
        }

        var request = parsed! with { By = by };
        var runner = LightReleaseCommand.Find(lighting, request.Group);
        var now = time.GetUtcNow();
        runner.Override(request, now);
        lighting.StepNow(request.Group);
        return Task.FromResult<JsonNode?>(new JsonObject
        {
            ["group"] = request.Group,
            ["level"] = runner.Level,
            ["until"] = Sync.Json.Iso8601.Format(now.AddSeconds(request.DurationS)),
        });
    }
}
