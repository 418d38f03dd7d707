using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Cli;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Options;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Runtime.Commands;

/// <summary>
/// <c>config.set {"config":{…}} | {"patch":{…}}, "expectedVersion"?, "confirmS"?, "allowIdentityChange"?</c>
/// (CONTRACT.md). Builds the new <c>EdgeGateway</c> section (the whole one given, or the stored one with an RFC 7386
/// merge patch applied), validates the result as the service would read it at start (invalid: <c>bad_request</c>
/// with every reason and the first bad key as the field, nothing changed), refuses a stale <c>expectedVersion</c>
/// (<c>conflict</c>) and a result that loses the broker or changes the gateway id (<c>forbidden</c>) unless
/// <c>allowIdentityChange</c>, then stores it through <see cref="ConfigProbation"/> (last-known-good kept, atomic
/// writes) and applies it by a clean restart a moment after answering. The new configuration must reach the broker
/// within <c>confirmS</c> (default 300) or <see cref="ConfigProbationService"/> puts last-known-good back.
/// </summary>
internal sealed class ConfigSetCommand(GatewayOptions running, GatewayLaunch launch, IHostApplicationLifetime lifetime, TimeProvider time) : IGatewayCommand
{
    /// <summary>How long after answering the service restarts, so the answer leaves first.</summary>
    public static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(2);

    /// <summary>The confirmation window when the request names none.</summary>
    public const int DefaultConfirmS = 300;

    /// <summary>The longest confirmation window.</summary>
    public const int MaxConfirmS = 86_400;

    private static readonly HashSet<string> Arguments = ["config", "patch", "expectedVersion", "confirmS", "allowIdentityChange"];

    /// <inheritdoc />
    public string Name => "config.set";

    /// <inheritdoc />
    public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken)
    {
        if (arguments.Select(kv => kv.Key).FirstOrDefault(k => !Arguments.Contains(k)) is { } unknown)
        {
            throw CommandException.BadRequest(unknown, $"unknown argument; config.set takes {string.Join(", ", Arguments)}");
        }

        var (whole, patch) = (arguments["config"], arguments["patch"]);
        if ((whole is null) == (patch is null))
        {
            throw CommandException.BadRequest("config", "give exactly one of config (the whole EdgeGateway section) or patch (an RFC 7386 merge patch)");
        }

        if ((whole ?? patch) is not JsonObject)
        {
            throw CommandException.BadRequest(whole is null ? "patch" : "config", "must be a JSON object");
        }

        string? expected = Optional(arguments, "expectedVersion", JsonValueKind.String, "a version string from config.get")?.GetValue<string>();
        int confirmS = DefaultConfirmS;
        if (Optional(arguments, "confirmS", JsonValueKind.Number, $"whole seconds 1-{MaxConfirmS}") is { } c
            && (!c.TryGetValue(out confirmS) || confirmS is < 1 or > MaxConfirmS))
        {
            throw CommandException.BadRequest("confirmS", $"must be whole seconds 1-{MaxConfirmS}");
        }

        var allowNode = arguments["allowIdentityChange"];
        if (allowNode is not null && allowNode.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw CommandException.BadRequest("allowIdentityChange", "must be true or false");
        }

        bool allowIdentityChange = allowNode?.GetValue<bool>() ?? false;
        string version = RunningConfig.Version(running);
        if (expected is not null && expected != version)
        {
            throw new CommandException("conflict", $"expectedVersion: {expected} is not the running version {version}", "expectedVersion");
        }

        if (launch.ConfigPath is null)
        {
            throw new CommandException("unavailable", "the service runs without --config: there is no file to store a configuration in");
        }

        JsonObject root;
        try
        {
            root = ConfigFile.Read(launch.ConfigPath);
        }
        catch (JsonException)
        {
            throw new CommandException("unavailable", "the stored configuration file is not a JSON object; fix it on the cabinet first");
        }

        var section = whole is not null
            ? whole.DeepClone().AsObject()
            : MergePatch.Apply(root[GatewayOptions.Section], patch) as JsonObject ?? [];
        RunningConfig.Unredact(section, RunningConfig.ToJson(running));
        root[GatewayOptions.Section] = section;
        var next = Validate(root);
        if (!allowIdentityChange)
        {
            RefuseIdentityLoss(next);
        }

        string nextVersion = RunningConfig.Version(next);
        var deadline = time.GetUtcNow() + RestartDelay + TimeSpan.FromSeconds(confirmS);
        new ConfigProbation(launch.ConfigPath).Begin(Encoding.UTF8.GetBytes(ConfigFile.Serialize(root)), nextVersion, version, deadline, confirmS);
        _ = RestartSoonAsync();
        return Task.FromResult<JsonNode?>(new JsonObject
        {
            ["version"] = nextVersion,
            ["previousVersion"] = version,
            ["restartInS"] = RestartDelay.TotalSeconds,
            ["confirmS"] = confirmS,
            ["confirmBy"] = Sync.Json.Iso8601.Format(deadline),
        });
    }

    private GatewayOptions Validate(JsonObject root)
    {
        try
        {
            return GatewayConfiguration.Load(root, new GatewayLaunch { Simulate = launch.Simulate });
        }
        catch (GatewayConfigException ex)
        {
            // Every start-up message names its key (EdgeGateway:Mqtt:Port); the first one is the field.
            var key = ex.Errors.Select(e => System.Text.RegularExpressions.Regex.Match(e, @"EdgeGateway(:[\w\-\[\]]+)+")).FirstOrDefault(m => m.Success);
            string field = key?.Value ?? "config";
            throw new CommandException("bad_request", string.Join("; ", ex.Errors), field);
        }
    }

    private void RefuseIdentityLoss(GatewayOptions next)
    {
        static bool HasBroker(GatewayOptions o) => o.Mqtt.Configured && !o.Simulation.EmbeddedBroker;
        if (HasBroker(running) && !HasBroker(next))
        {
            throw new CommandException("forbidden", "EdgeGateway:Mqtt:Host: the result has no broker, so the gateway could not be reached again; send \"allowIdentityChange\":true if that is meant", "EdgeGateway:Mqtt:Host");
        }

        if (!string.Equals(next.GatewayId, running.GatewayId, StringComparison.Ordinal))
        {
            throw new CommandException("forbidden", string.Create(CultureInfo.InvariantCulture, $"EdgeGateway:GatewayId: the result changes the gateway id from '{running.GatewayId}' to '{next.GatewayId}'; send \"allowIdentityChange\":true if that is meant"), "EdgeGateway:GatewayId");
        }
    }

    private static JsonValue? Optional(JsonObject arguments, string name, JsonValueKind kind, string what)
    {
        var node = arguments[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.GetValueKind() == kind ? v : throw CommandException.BadRequest(name, $"must be {what}");
    }

    private async Task RestartSoonAsync()
    {
        await Task.Delay(RestartDelay, time);
        lifetime.StopApplication();
    }
}
