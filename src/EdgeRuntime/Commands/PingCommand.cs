using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Hosting;

namespace EdgeGateway.Runtime.Commands;

/// <summary><c>diag.ping</c>: <c>{"uptimeS","version"}</c>.</summary>
internal sealed class PingCommand(GatewayClock clock) : IGatewayCommand
{
    /// <inheritdoc />
    public string Name => "diag.ping";

    /// <inheritdoc />
    public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken) =>
        Task.FromResult<JsonNode?>(new JsonObject { ["uptimeS"] = Math.Round(clock.Uptime.TotalSeconds, 1), ["version"] = GatewayClock.Version });
}
