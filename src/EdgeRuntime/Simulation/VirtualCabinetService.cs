using EdgeGateway.Drivers.Simulation;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Runtime.Simulation;

/// <summary>Moves the virtual cabinet's world once a (virtual) second.</summary>
public sealed class VirtualCabinetService(VirtualCabinet cabinet, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            do
            {
                cabinet.Update(time.GetUtcNow());
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }
}
