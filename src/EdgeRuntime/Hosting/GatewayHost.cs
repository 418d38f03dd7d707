using System.Device.Gpio;
using EdgeGateway.Drivers.Bus;
using EdgeGateway.Drivers.Distance;
using EdgeGateway.Drivers.Gpio;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Parking;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Runtime.Polling;
using EdgeGateway.Runtime.Simulation;
using EdgeGateway.Runtime.Waste;
using EdgeGateway.Runtime.Web;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>Composes the service: configuration, buses, pollers, control loops, recorder, log, uplink.</summary>
public static class GatewayHost
{
    /// <summary>Builds the host for <paramref name="launch"/>.</summary>
    /// <exception cref="GatewayConfigException">The configuration is invalid.</exception>
    public static IHost Build(GatewayLaunch launch)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        GatewayConfiguration.AddSources(builder.Configuration, launch);
        var options = GatewayConfiguration.Load(builder.Configuration, launch);
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
        var clock = new GatewayClock(time);
        var identity = new UplinkIdentity(options.GatewayId, options.Mqtt.Prefix, GatewayClock.Version, clock.BootId);

        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton(time);
        s.AddSingleton(clock);
        s.AddSingleton(identity);
        s.AddSingleton<PointTable>();
        s.AddSingleton(_ => new DurableLog(options.Storage, time));
        s.AddSingleton(options.Recorder);
        s.AddSingleton<Recorder>();
        s.AddSingleton<IRecorder>(sp => sp.GetRequiredService<Recorder>());
        s.AddSingleton<ReadingSink>();
        if (options.Simulation.Enabled)
        {
            var cabinet = VirtualCabinetFactory.Create(options);
            var street = new StreetSimulation(options, cabinet, time.GetUtcNow());
            var modbus = new VirtualModbus(options, profiles, cabinet, street, time);
            s.AddSingleton(cabinet);
            s.AddSingleton<II2cBusFactory>(cabinet);
            s.AddSingleton(street);
            s.AddSingleton(modbus);
            s.AddSingleton<IModbusClientFactory>(options.Simulation.VirtualModbus ? modbus : new ModbusMasterFactory(time));
            s.AddSingleton(_ => new GpioController(cabinet.Gpio));
        }
        else
        {
            s.AddSingleton<II2cBusFactory, LinuxI2cBusFactory>();
            s.AddSingleton<IModbusClientFactory>(new ModbusMasterFactory(time));
            s.AddSingleton(_ => new GpioController());
        }

        // Modbus: one client and one polling loop per bus; lamp outputs and bins' level sensors find their devices here.
        s.AddSingleton(sp => new ModbusBuses(options, profiles, sp.GetRequiredService<IModbusClientFactory>(), sp.GetRequiredService<ReadingSink>(), time));
        s.AddSingleton<IDistanceSourceFactory>(sp => new ModbusDistanceSources(
            sp.GetRequiredService<ModbusBuses>(),
            options.Simulation.Enabled ? sp.GetRequiredService<VirtualCabinet>() : new NoDistanceSources()));

        if (options.Cabinet.DoorPin is { } doorPin)
        {
            s.AddSingleton(sp => new DoorContact(sp.GetRequiredService<GpioController>(), doorPin, DoorContact.ParseLevel(options.Cabinet.DoorOpenLevel), options.Cabinet.DoorPullUp));
        }

        s.AddSingleton<DeviceRegistry>();
        s.AddSingleton<IClockTrust>(options.Simulation.Enabled ? new TrustedClock() : new SystemClockTrust());
        s.AddSingleton(sp => new LightingService(
            options,
            sp.GetRequiredService<DeviceRegistry>().LampOutputs(options, () => sp.GetRequiredService<GpioController>(), sp.GetRequiredService<ModbusBuses>()),
            sp.GetRequiredService<PointTable>(),
            sp.GetRequiredService<ReadingSink>(),
            sp.GetRequiredService<IRecorder>(),
            sp.GetRequiredService<DurableLog>(),
            sp.GetRequiredService<IClockTrust>(),
            time,
            sp.GetRequiredService<ILogger<LightingService>>()));
        s.AddSingleton<ParkingService>();
        s.AddSingleton<WasteService>();
        s.AddSingleton(sp => new CabinetService(options, sp.GetRequiredService<PointTable>(), sp.GetRequiredService<ReadingSink>(),
            sp.GetRequiredService<IRecorder>(), time, sp.GetRequiredService<ILogger<CabinetService>>(), sp.GetService<DoorContact>()));
        s.AddSingleton<IGatewayCommand, ParkingCalibrateCommand>();
        s.AddSingleton<IGatewayCommand, CabinetSessionCommand>();
        s.AddSingleton<IGatewayCommand, PingCommand>();
        s.AddSingleton<IGatewayCommand, StateGetCommand>();
        s.AddSingleton(launch);
        s.AddSingleton<IGatewayCommand, HistoryGetCommand>();
        // The uplink needs the command router: sync.resend finds the uplink when it runs, or the two would need each other.
        s.AddSingleton<IGatewayCommand>(sp => new SyncResendCommand(sp.GetRequiredService<IUplink>, sp.GetRequiredService<DurableLog>()));
        s.AddSingleton<IGatewayCommand, ConfigGetCommand>();
        s.AddSingleton<IGatewayCommand, ConfigSetCommand>();
        s.AddSingleton<IGatewayCommand, LightOverrideCommand>();
        s.AddSingleton<IGatewayCommand, LightReleaseCommand>();
        s.AddSingleton<ICommandHandler, CommandRouter>();

        // Hosted services start in this order and stop in reverse: the broker is up before the uplink dials
        // it; the recorder flushes its open batch before the uplink says offline and drains the log.
        if (options.Simulation.EmbeddedBroker)
        {
            s.AddHostedService(sp => new EmbeddedBroker(options.Mqtt.Port, sp.GetRequiredService<ILogger<EmbeddedBroker>>()));
        }

        if (options.Mqtt.Configured)
        {
            s.AddSingleton<IUplinkTransport>(_ => new MqttNetTransport(options.Mqtt, options.GatewayId));
            s.AddSingleton(sp => new MqttUplink(
                sp.GetRequiredService<IUplinkTransport>(),
                sp.GetRequiredService<DurableLog>(),
                identity,
                options.Mqtt,
                time,
                sp.GetRequiredService<ILogger<MqttUplink>>(),
                sp.GetRequiredService<ICommandHandler>(),
                () => MetaPayload.Build(sp.GetRequiredService<PointTable>())));
            s.AddSingleton<IUplink>(sp => sp.GetRequiredService<MqttUplink>());
            s.AddHostedService(sp => sp.GetRequiredService<MqttUplink>());
        }
        else
        {
            s.AddSingleton<IUplink>(new DisabledUplink(time));
        }

        s.AddHostedService(sp => sp.GetRequiredService<Recorder>());
        if (options.Simulation.Enabled)
        {
            s.AddHostedService<VirtualCabinetService>();
        }

        foreach (var bus in options.I2cBuses)
        {
            int busId = bus.BusId;

            // AddHostedService(factory) is TryAddEnumerable keyed on the returned type: a second I2cBusPoller would be
            // silently dropped, so each bus's loop is added as its own IHostedService registration.
            s.AddSingleton<IHostedService>(sp =>
            {
                var registry = sp.GetRequiredService<DeviceRegistry>();
                var devices = registry.PolledByBus[busId];
                sp.GetRequiredService<PointTable>().Declare(devices.SelectMany(d => d.Points));
                return new I2cBusPoller(busId, devices, sp.GetRequiredService<ReadingSink>(), time, sp.GetRequiredService<ILogger<I2cBusPoller>>());
            });
        }

        foreach (var bus in options.ModbusBuses)
        {
            string busId = bus.Id;
            s.AddSingleton<IHostedService>(sp =>
            {
                var buses = sp.GetRequiredService<ModbusBuses>();
                var poller = buses.Pollers.Single(p => p.BusId == busId).Poller;
                sp.GetRequiredService<PointTable>().Declare(poller.Points);
                return new ModbusBusService(busId, poller, sp.GetRequiredService<ILogger<ModbusBusService>>());
            });
        }

        s.AddHostedService(sp => sp.GetRequiredService<LightingService>());
        s.AddHostedService(sp => sp.GetRequiredService<ParkingService>());
        s.AddHostedService(sp => sp.GetRequiredService<WasteService>());
        s.AddHostedService(sp => sp.GetRequiredService<CabinetService>());
        s.AddSingleton(sp => new HealthService(
            sp.GetRequiredService<IUplink>(), sp.GetRequiredService<DurableLog>(), sp.GetRequiredService<DeviceRegistry>(), clock, identity, options.HealthInterval, sp.GetRequiredService<ILogger<HealthService>>(),
            sp.GetRequiredService<ModbusBuses>(), sp.GetRequiredService<Recorder>()));
        s.AddHostedService(sp => sp.GetRequiredService<HealthService>());

        // The technician page (EdgeGateway:Web) and the technician session it shares with cabinet.session.
        s.AddTechnicianPage(options);
        return builder.Build();
    }
}
