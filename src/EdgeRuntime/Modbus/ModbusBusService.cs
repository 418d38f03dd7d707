using EdgeGateway.Drivers.Modbus.Polling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Modbus;

/// <summary>Runs one Modbus bus's polling loop for the life of the host (DESIGN.md: one loop per bus).</summary>
public sealed partial class ModbusBusService(string busId, ModbusBusPoller poller, ILogger<ModbusBusService> logger) : BackgroundService
{
    /// <summary>The bus id.</summary>
    public string BusId { get; } = busId;

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
        [LoggerMessage(Level = LogLevel.Information, Message = "Modbus bus {Bus}: polling {Devices} devices")]
        public static partial void Started(ILogger logger, string bus, int devices);

        [LoggerMessage(Level = LogLevel.Error, Message = "Modbus bus {Bus}: polling loop failed; restarting it")]
        public static partial void LoopFailed(ILogger logger, string bus, Exception ex);
    }
}
