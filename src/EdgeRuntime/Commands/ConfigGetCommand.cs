using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Commands;

/// <summary><c>config.get {}</c>: the running configuration, secrets redacted, with its version.</summary>
internal sealed class ConfigGetCommand(GatewayOptions options) : IGatewayCommand
{
    /// <inheritdoc />
    public string Name => "config.get";

    /// <inheritdoc />
    public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken) =>
        Task.FromResult<JsonNode?>(new JsonObject
        {
            ["version"] = RunningConfig.Version(options),
            ["config"] = RunningConfig.Redact(RunningConfig.ToJson(options)),
        });
}
