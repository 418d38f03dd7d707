using EdgeGateway.Drivers.Modbus.Polling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Modbus;

/// <summary>Runs one Modbus bus's polling loop for the life of the host (DESIGN.md: one loop per bus).</summary>
internal sealed partial class ModbusBusService(string busId, ModbusBusPoller poller, ILogger<ModbusBusService> logger) : BackgroundService
{
    /// <summary>The bus id.</summary>
    public string BusId { get; } = busId;

    /// <summary>Requests made and polls skipped (an open breaker) so far: the watchdog's progress counter.</summary>
    public long Progress() => poller.GetHealth().Values.Sum(h => h.Requests + h.SkippedPolls);

    /// <summary>The longest poll interval on the bus: the counter may stand still that long between cycles.</summary>
    public TimeSpan LongestInterval => poller.Devices
        .SelectMany(d => d.Profile.Points.Select(p => p.PollInterval ?? d.PollInterval ?? d.Profile.PollInterval))
        .DefaultIfEmpty(TimeSpan.FromSeconds(5))
        .Max();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Started(logger, BusId, poller.Devices.Count);

        // The poller absorbs every Modbus failure into bad readings and health; anything else is a defect, logged,
        // and the loop starts again rather than leaving the bus unpolled.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await poller.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.LoopFailed(logger, BusId, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1200, LogLevel.Information, "Modbus bus {Bus}: polling {Devices} devices")]
        public static partial void Started(ILogger logger, string bus, int devices);

        [LoggerMessage(1201, LogLevel.Error, "Modbus bus {Bus}: polling loop failed; restarting it")]
        public static partial void LoopFailed(ILogger logger, string bus, Exception ex);
    }
}
