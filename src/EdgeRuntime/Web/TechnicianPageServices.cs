using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Web;

/// <summary>Registers the technician page (and the cabinet's shared technician session) in the gateway's host.</summary>
internal static class TechnicianPageServices
{
    /// <summary>Adds the shared <see cref="TechnicianSession"/> and, when <c>EdgeGateway:Web:Enabled</c>, the page's server
    /// as the last hosted service (it starts after every loop it shows and stops first).</summary>
    public static IServiceCollection AddTechnicianPage(this IServiceCollection services, GatewayOptions options)
    {
        services.AddSingleton(sp => sp.GetRequiredService<CabinetService>().Session);
        if (!options.Web.Enabled)
        {
            return services;
        }

        services.AddSingleton(sp => new GatewayView(
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<GatewayClock>(),
            sp.GetRequiredService<UplinkIdentity>(),
            sp.GetRequiredService<PointTable>(),
            sp.GetRequiredService<LightingService>(),
            sp.GetRequiredService<CabinetService>(),
            sp.GetRequiredService<IUplink>(),
            sp.GetRequiredService<DurableLog>(),
            sp.GetRequiredService<HealthService>(),
            sp.GetRequiredService<IClockTrust>(),
            sp.GetServices<IGatewayCommand>().OfType<StateGetCommand>().Single(),
            sp.GetServices<IGatewayCommand>().OfType<LightOverrideCommand>().Single(),
            sp.GetServices<IGatewayCommand>().OfType<LightReleaseCommand>().Single(),
            sp.GetServices<IGatewayCommand>().OfType<ConfigGetCommand>().Single(),
            sp.GetRequiredService<Sync.Recording.IRecorder>(),
            sp.GetRequiredService<Modbus.ModbusBuses>(),
            sp.GetRequiredService<Drivers.Bus.II2cBusFactory>(),
            () => sp.GetServices<IHostedService>().OfType<BackgroundService>()));
        services.AddSingleton(sp => new PageLogins(options.Web, sp.GetRequiredService<CabinetService>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            // The log tail: the gateway's own log lines, kept in memory from the page's start.
            var ring = new LogRing(sp.GetRequiredService<TimeProvider>());
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            loggers.AddProvider(ring);
            return new TechnicianPage(sp.GetRequiredService<GatewayView>(), sp.GetRequiredService<PageLogins>(), ring, loggers);
        });
        services.AddSingleton(sp => new TechnicianWebServer(
            options.Web, sp.GetRequiredService<TechnicianPage>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(sp => sp.GetRequiredService<TechnicianWebServer>());
        return services;
    }
}
