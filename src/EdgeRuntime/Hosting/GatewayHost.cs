using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Simulation;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>The service (<c>run</c>): configuration and its probation, logging, the clock, then the parts of
/// <see cref="GatewayComposition"/> in the order the hosted services start, health and the watchdog.</summary>
internal static class GatewayHost
{
    /// <summary>Builds the host for <paramref name="launch"/>.</summary>
    /// <exception cref="GatewayConfigException">The configuration is invalid.</exception>
    public static IHost Build(GatewayLaunch launch)
    {
        // A configuration stored by config.set is on probation until it reaches the broker (ConfigProbation): one that
        // does not even load, or whose deadline passed while the service could not stay up, goes back at once.
        var probation = ConfigProbation.For(launch.ConfigPath);
        var probationState = probation?.Read();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        GatewayConfiguration.AddSources(builder.Configuration, launch);
        GatewayOptions options;
        try
        {
            options = GatewayConfiguration.Load(builder.Configuration, launch);
        }
        catch (GatewayConfigException ex) when (probationState is { RolledBack: false }
            && probation!.RollBack(probationState, $"the new configuration did not load: {string.Join("; ", ex.Errors)}"))
        {
            return Build(launch);
        }

        var profiles = ModbusProfiles.Load(options);

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff ";
        });
        builder.Services.AddSystemd();

        var time = launch.Time ?? (options.Simulation.Enabled && (options.Simulation.TimeScale != 1 || options.Simulation.Start is not null)
            ? new ScaledTimeProvider(TimeProvider.System, options.Simulation.Start ?? TimeProvider.System.GetUtcNow(), options.Simulation.TimeScale)
            : TimeProvider.System);
        if (probationState is { RolledBack: false } && time.GetUtcNow() >= probationState.Deadline
            && probation!.RollBack(probationState, $"not confirmed by its deadline {Sync.Json.Iso8601.Format(probationState.Deadline)}: the service did not stay up"))
        {
            return Build(launch);
        }

        var clock = new GatewayClock(time);
        var identity = new UplinkIdentity(options.GatewayId, options.Mqtt.Prefix, GatewayClock.Version, clock.BootId);

        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton(time);
        s.AddSingleton(clock);
        s.AddSingleton(identity);
        s.AddSingleton(launch);
        s.AddSingleton<IClockTrust>(options.Simulation.Enabled ? new TrustedClock() : new SystemClockTrust());

        // Hosted services start in this order and stop in reverse: broker, uplink and recorder first (AddSync), the
        // probation watch, then the bus pollers (AddDevices), the control loops, health, the page, the watchdog.
        s.AddSync(options, time, identity);
        if (probationState is not null)
        {
            s.AddHostedService(sp => new ConfigProbationService(
                probation!, probationState, sp.GetRequiredService<IUplink>(), sp.GetRequiredService<IRecorder>(), sp.GetRequiredService<IHostApplicationLifetime>(),
                time, $"{options.Mqtt.Host}:{options.Mqtt.Port}", sp.GetRequiredService<ILogger<ConfigProbationService>>()));
        }

        s.AddDevices(options, profiles, time, virtualCabinet: options.Simulation.Enabled);
        s.AddControlLoops();
        s.AddCommands(options, time);
        s.AddSingleton(sp => new HealthService(
            sp.GetRequiredService<IUplink>(), sp.GetRequiredService<DurableLog>(), sp.GetRequiredService<DeviceRegistry>(), clock, identity, options.HealthInterval, sp.GetRequiredService<ILogger<HealthService>>(),
            sp.GetRequiredService<ModbusBuses>(), sp.GetRequiredService<Recorder>()));
        s.AddHostedService(sp => sp.GetRequiredService<HealthService>());

        s.AddWeb(options);

        // Last: systemd's watchdog, fed only while every loop above makes progress, and the STATUS= line.
        s.AddSingleton(_ => ServiceNotify.FromEnvironment());
        s.AddHostedService(sp => new WatchdogService(
            () => WatchdogService.LoopsOf(sp), sp.GetRequiredService<ServiceNotify>(), time, ServiceNotify.WatchdogPeriod(), sp.GetRequiredService<ILogger<WatchdogService>>()));
        return builder.Build();
    }
}
