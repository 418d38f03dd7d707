using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Commands;

/// <summary><c>light.release</c> <c>{"group"}</c>: back to the program.</summary>
internal sealed class LightReleaseCommand(LightingService lighting) : IGatewayCommand
{
    /// <inheritdoc />
    public string Name => "light.release";

    /// <summary>The runner of <paramref name="group"/>, or <c>bad_request</c> naming the known groups.</summary>
    public static LampGroupRunner Find(LightingService lighting, string group) =>
        lighting.Groups.TryGetValue(group, out var runner)
            ? runner
            : throw new CommandException("bad_request", $"group: no lamp group '{group}'; known: {string.Join(", ", lighting.Groups.Keys.Order())}");

    /// <inheritdoc />
    public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken)
    {
        if (!OverrideRequest.TryParseRelease(JsonSerializer.SerializeToElement(arguments), out var group, out var errors))
        {
            throw new CommandException("bad_request", string.Join("; ", errors));
        }

        var runner = Find(lighting, group!);
        runner.Release();
        lighting.StepNow(group!);
        return Task.FromResult<JsonNode?>(new JsonObject { ["group"] = group, ["level"] = runner.Level });
    }
}
