using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Cli;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Options;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Runtime.Commands;

/// <summary>
/// <c>config.set {"config":{…},"expectedVersion"?}</c>: validates the new <c>EdgeGateway</c> section as the service
/// would read it (invalid: <c>bad_request</c> with every reason, nothing changed), refuses a stale
/// <c>expectedVersion</c> (<c>conflict</c>), stores it atomically in the configuration file, and applies it by a
/// clean restart a moment after answering (systemd's <c>Restart=always</c> brings the service back with it).
/// </summary>
public sealed class ConfigSetCommand(GatewayOptions running, GatewayLaunch launch, IHostApplicationLifetime lifetime, TimeProvider time) : IGatewayCommand
{
    /// <summary>How long after answering the service restarts, so the answer leaves first.</summary>
    public static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public string Name => "config.set";

    /// <inheritdoc />
    public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken)
    {
        if (arguments["config"] is not JsonObject incoming)
        {
            throw new CommandException("bad_request", "config: required, the EdgeGateway section as a JSON object");
        }

        string version = RunningConfig.Version(running);
        if (arguments["expectedVersion"] is JsonValue ev && ev.TryGetValue(out string? expected) && expected != version)
        {
            throw new CommandException("conflict", $"expectedVersion {expected} is not the running version {version}");
        }

        if (launch.ConfigPath is null)
        {
            throw new CommandException("unavailable", "the service runs without --config: there is no file to store a configuration in");
        }

        var section = incoming.DeepClone().AsObject();
        RunningConfig.Unredact(section, RunningConfig.ToJson(running));
        var root = ConfigFile.Read(launch.ConfigPath);
        root["EdgeGateway"] = section;
        GatewayOptions next;
        try
        {
            next = GatewayConfiguration.Load(root, new GatewayLaunch { Simulate = launch.Simulate });
        }
        catch (GatewayConfigException ex)
        {
            throw new CommandException("bad_request", string.Join("; ", ex.Errors));
        }

        ConfigFile.Write(launch.ConfigPath, root);
        _ = RestartSoonAsync();
        return Task.FromResult<JsonNode?>(new JsonObject { ["version"] = RunningConfig.Version(next), ["restartInS"] = RestartDelay.TotalSeconds });
    }

    private async Task RestartSoonAsync()
    {
        await Task.Delay(RestartDelay, time);
        lifetime.StopApplication();
    }
}
