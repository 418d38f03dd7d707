using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Sync.Durability;
using EdgeGateway.Sync.Json;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>What a configuration on probation is waiting for (<see cref="ConfigProbation"/>).</summary>
/// <param name="RolledBack">False while the new configuration waits to be confirmed; true once it was replaced by
/// last-known-good and the next start must say so.</param>
/// <param name="Version">The version <c>config.set</c> stored.</param>
/// <param name="PreviousVersion">The version it replaced (last-known-good).</param>
/// <param name="Deadline">When the new configuration must have reached the broker, on the gateway's clock.</param>
/// <param name="ConfirmS">The window <c>config.set</c> asked for, in seconds.</param>
/// <param name="Reason">Why it was rolled back.</param>
internal sealed record ProbationState(bool RolledBack, string Version, string PreviousVersion, DateTimeOffset Deadline, int ConfirmS, string? Reason);

/// <summary>
/// The files beside the configuration that keep <c>config.set</c> from bricking a cabinet: <c>{config}.last-good</c>
/// (the previous file, byte for byte) and <c>{config}.probation</c> (a <see cref="ProbationState"/>). Every write goes
/// through <see cref="AtomicFile"/>, in an order where a power cut at any point leaves a state that ends on a
/// configuration that reached the broker: last-good first, then the probation mark, then the new configuration.
/// </summary>
internal sealed class ConfigProbation(string configPath)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The configuration file.</summary>
    public string ConfigPath { get; } = Path.GetFullPath(configPath);

    /// <summary>The last-known-good copy.</summary>
    public string LastGoodPath => ConfigPath + ".last-good";

    /// <summary>The probation mark.</summary>
    public string StatePath => ConfigPath + ".probation";

    /// <summary>The probation for <paramref name="configPath"/>, or null when the service runs without a file.</summary>
    public static ConfigProbation? For(string? configPath) => configPath is null ? null : new ConfigProbation(configPath);

    /// <summary>The current mark, or null when no configuration is on probation. An unreadable mark (it never is
    /// written half, but a technician may edit it) counts as a new configuration whose time is up.</summary>
    public ProbationState? Read()
    {
        if (!File.Exists(StatePath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ProbationState>(File.ReadAllBytes(StatePath), Json)
                ?? throw new JsonException("empty");
        }
        catch (JsonException ex)
        {
            return new ProbationState(false, "unknown", "unknown", DateTimeOffset.MinValue, 0, $"unreadable probation mark ({ex.Message})");
        }
    }

    /// <summary>Stores <paramref name="next"/> as the configuration on probation until <paramref name="deadline"/>. The
    /// running file becomes last-known-good, unless a configuration is already on probation: then the one before it,
    /// which did reach the broker, stays last-known-good.</summary>
    public void Begin(byte[] next, string version, string previousVersion, DateTimeOffset deadline, int confirmS)
    {
        var pending = Read();
        if (pending is null || pending.RolledBack)
        {
            AtomicFile.Write(LastGoodPath, File.ReadAllBytes(ConfigPath), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        string lastGood = pending is { RolledBack: false } ? pending.PreviousVersion : previousVersion;
        Write(new ProbationState(false, version, lastGood, deadline, confirmS, null));
        AtomicFile.Write(ConfigPath, next, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Puts last-known-good back and marks the probation rolled back with <paramref name="reason"/>; false
    /// (and nothing changed but the mark cleared) when there is no last-known-good to go back to.</summary>
    public bool RollBack(ProbationState state, string reason)
    {
        if (!File.Exists(LastGoodPath))
        {
            Clear();
            return false;
        }

        AtomicFile.Write(ConfigPath, File.ReadAllBytes(LastGoodPath), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Write(state with { RolledBack = true, Reason = reason });
        return true;
    }

    /// <summary>Ends the probation (confirmed, or its roll-back reported). Last-known-good stays for the next one.</summary>
    public void Clear()
    {
        File.Delete(StatePath);
        AtomicFile.SyncFolder(Path.GetDirectoryName(StatePath)!);
    }

    /// <summary>The mark as JSON (for logs and tests).</summary>
    public static JsonObject Describe(ProbationState state) => new()
    {
        ["rolledBack"] = state.RolledBack,
        ["version"] = state.Version,
        ["previousVersion"] = state.PreviousVersion,
        ["deadline"] = Iso8601.Format(state.Deadline),
        ["reason"] = state.Reason,
    };

    private void Write(ProbationState state) =>
        AtomicFile.Write(StatePath, JsonSerializer.SerializeToUtf8Bytes(state, Json), UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
