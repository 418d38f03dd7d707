using EdgeGateway.Drivers.Simulation;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Runtime.Simulation;

/// <summary>Moves the virtual cabinet's world (sky and street) once a (virtual) second.</summary>
internal sealed class VirtualCabinetService(VirtualCabinet cabinet, StreetSimulation street, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            do
            {
                var now = time.GetUtcNow();
                cabinet.Update(now);
                street.Update(now);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }
}
