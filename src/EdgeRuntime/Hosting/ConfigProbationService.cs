using EdgeGateway.Contracts;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>
/// Ends a <c>config.set</c>'s probation. After a roll-back it records <c>config.rolledBack</c> (data: version,
/// reason, restoredVersion) on the configuration it went back to. A configuration on probation is confirmed the
/// moment the uplink is online (or at once when it has no broker, which <c>config.set</c> allows only when asked
/// to): <c>config.applied</c>. If the deadline passes first it puts last-known-good back and restarts the service
/// (systemd's <c>Restart=always</c> brings it back on the old configuration).
/// </summary>
internal sealed partial class ConfigProbationService(
    ConfigProbation probation,
    ProbationState state,
    IUplink uplink,
    IRecorder recorder,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    string broker,
    ILogger<ConfigProbationService> logger) : BackgroundService
{
    /// <summary>How often the uplink's state is looked at while waiting.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!state.RolledBack)
        {
            LogOnProbation(logger, state.Version, state.Deadline);
        }

        try
        {
            while (!Check())
            {
                var left = state.Deadline - time.GetUtcNow();
                await Task.Delay(left < PollInterval ? left : PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the verdict: the mark stays, the next start goes on waiting until the same deadline.
        }
    }

    /// <summary>One look at the uplink and the clock; true once the probation has ended (reported, confirmed, or
    /// rolled back and the restart asked for).</summary>
    public bool Check()
    {
        if (state.RolledBack)
        {
            recorder.Record(new GatewayEvent("config.rolledBack", "config", Severity.Warning, time.GetUtcNow(), new Dictionary<string, object?>
            {
                ["version"] = state.Version,
                ["reason"] = state.Reason,
                ["restoredVersion"] = state.PreviousVersion,
            }));
            probation.Clear();
            return true;
        }

        var status = uplink.Status;
        if (status.State is UplinkState.Online or UplinkState.Disabled)
        {
            recorder.Record(new GatewayEvent("config.applied", "config", Severity.Info, time.GetUtcNow(), new Dictionary<string, object?>
            {
                ["version"] = state.Version,
                ["previousVersion"] = state.PreviousVersion,
            }));
            probation.Clear();
            LogConfirmed(logger, state.Version);
            return true;
        }

        if (time.GetUtcNow() < state.Deadline)
        {
            return false;
        }

        string reason = $"broker {broker} not reached within {state.ConfirmS} s of applying (last error: {status.LastError ?? "none"})";
        bool restored = probation.RollBack(state, reason);
        LogRollingBack(logger, state.Version, reason, restored);
        if (restored)
        {
            lifetime.StopApplication();
        }

        return true;
    }

    [LoggerMessage(1010, LogLevel.Warning, "Configuration {Version} is on probation: it must reach the broker by {Deadline}")]
    private static partial void LogOnProbation(ILogger logger, string version, DateTimeOffset deadline);

    [LoggerMessage(1011, LogLevel.Information, "Configuration {Version} reached the broker: confirmed")]
    private static partial void LogConfirmed(ILogger logger, string version);

    [LoggerMessage(1012, LogLevel.Error, "Configuration {Version} rolled back to last-known-good ({Reason}); restored: {Restored}")]
    private static partial void LogRollingBack(ILogger logger, string version, string reason, bool restored);
}
