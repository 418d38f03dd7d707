using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Sync.Json;

namespace EdgeGateway.Runtime.Commands;

/// <summary><c>cabinet.session</c> <c>{"open":true|false,"durationS"}</c>: a technician announces (or ends) a visit,
/// so the door opening is Info instead of an intrusion alarm.</summary>
internal sealed class CabinetSessionCommand(CabinetService cabinet, GatewayOptions options, TimeProvider time) : IGatewayCommand
{
    /// <inheritdoc />
    public string Name => "cabinet.session";

    /// <inheritdoc />
    public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken)
    {
        if (arguments["open"] is not JsonValue ov || !ov.TryGetValue(out bool open))
        {
            throw CommandException.BadRequest("open", "required, true or false (with an optional \"durationS\")");
        }

        double seconds = 3600;
        if (arguments["durationS"] is { } d && !(d is JsonValue dv && dv.GetValueKind() == System.Text.Json.JsonValueKind.Number && dv.TryGetValue(out seconds) && seconds >= 1 && seconds <= options.Cabinet.MaxSession.TotalSeconds))
        {
            throw CommandException.BadRequest("durationS", $"must be a number of seconds 1-{options.Cabinet.MaxSession.TotalSeconds}");
        }

        var until = cabinet.SetSession(open, TimeSpan.FromSeconds(seconds), time.GetUtcNow(), "mqtt")?.Until;
        return Task.FromResult<JsonNode?>(new JsonObject { ["open"] = open, ["until"] = until is { } u ? Iso8601.Format(u) : null });
    }
}
