using System.Device.Gpio;
using EdgeGateway.Drivers.Bus;
using EdgeGateway.Drivers.Distance;
using EdgeGateway.Drivers.Gpio;
using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Lighting.Outputs;
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

/// <summary>
/// The gateway's parts, each one extension method: <c>run</c> (<see cref="GatewayHost"/>) adds them all, <c>check</c>
/// adds the devices, <c>replay</c> the devices and the control loops, so every verb opens the same object graph.
/// Each part expects <see cref="GatewayOptions"/>, a <see cref="TimeProvider"/> and (for the devices) an
/// <see cref="IRecorder"/> from the caller or from <see cref="AddSync"/>. Hosted services are added in the order
/// they must start (they stop in reverse).
/// </summary>
internal static class GatewayComposition
{
    /// <summary>The durable log (also the lighting's state store), the recorder, the embedded broker under
    /// <c>--simulate</c>, and the uplink (or a disabled one without <c>Mqtt:Host</c>): the broker starts before the
    /// uplink dials it, and the recorder stops (flushing its open batch) before the uplink says offline.</summary>
    public static IServiceCollection AddSync(this IServiceCollection s, GatewayOptions options, TimeProvider time, UplinkIdentity identity)
    {
        s.AddSingleton(_ => new DurableLog(options.Storage, time));
        s.AddSingleton<IStateStore>(sp => sp.GetRequiredService<DurableLog>());
        s.AddSingleton(options.Recorder);
        s.AddSingleton<Recorder>();
        s.AddSingleton<IRecorder>(sp => sp.GetRequiredService<Recorder>());
        if (options.Simulation.EmbeddedBroker)
        {
            s.AddHostedService(sp => new EmbeddedBroker(options.Mqtt.Port, sp.GetRequiredService<ILogger<EmbeddedBroker>>()));
        }

        if (options.Mqtt.Configured)
        {
            s.AddSingleton<IUplinkTransport>(_ => new MqttNetTransport(options.Mqtt, options.GatewayId, time));
            s.AddSingleton(sp => new MqttUplink(
                sp.GetRequiredService<IUplinkTransport>(),
                sp.GetRequiredService<DurableLog>(),
                identity,
                options.Mqtt,
                time,
                sp.GetRequiredService<ILogger<MqttUplink>>(),
                sp.GetRequiredService<ICommandHandler>(),
                () => MetaPayload.Build(sp.GetRequiredService<PointTable>()),
                sp.GetRequiredService<IRecorder>(),
                commandOptions: options.Commands));
            s.AddSingleton<IUplink>(sp => sp.GetRequiredService<MqttUplink>());
            s.AddHostedService(sp => sp.GetRequiredService<MqttUplink>());
        }
        else
        {
            s.AddSingleton<IUplink>(new DisabledUplink(time));
        }

        s.AddHostedService(sp => sp.GetRequiredService<Recorder>());
        return s;
    }

    /// <summary>
    /// The devices and their buses: the point table (declared from the configuration, <see cref="GatewayPoints"/>),
    /// the sample hub, the I2C buses (the virtual cabinet when <paramref name="virtualCabinet"/>), every I2C device
    /// opened through its kind, the Modbus buses, the bins' distance sources, the door contact, the lamp outputs. With
    /// <paramref name="pollers"/>, the bus pollers (one loop per bus, the door's and the distance sensors') and the
    /// virtual cabinet's world as hosted services: the only code that talks to devices.
    /// </summary>
    public static IServiceCollection AddDevices(this IServiceCollection s, GatewayOptions options, IReadOnlyDictionary<string, DeviceProfile> profiles, TimeProvider time, bool virtualCabinet, bool pollers = true)
    {
        s.AddSingleton(new PointTable(GatewayPoints.Of(options, profiles)));
        s.AddSingleton<ReadingSink>();
        s.AddSingleton<SampleHub>();
        if (virtualCabinet)
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
        s.AddSingleton(sp => new ModbusBuses(options, profiles, sp.GetRequiredService<IModbusClientFactory>(), sp.GetRequiredService<SampleHub>(), time));
        s.AddSingleton<IDistanceSourceFactory>(sp => new ModbusDistanceSources(
            sp.GetRequiredService<ModbusBuses>(),
            sp.GetRequiredService<SampleHub>(),
            sp.GetService<VirtualCabinet>() ?? (IDistanceSourceFactory)new NoDistanceSources()));
        if (options.Cabinet.DoorPin is { } doorPin)
        {
            s.AddSingleton(sp => new DoorContact(sp.GetRequiredService<GpioController>(), doorPin, DoorContact.ParseLevel(options.Cabinet.DoorOpenLevel), options.Cabinet.DoorPullUp));
        }

        s.AddSingleton(sp => new DeviceRegistry(options, sp.GetRequiredService<II2cBusFactory>()));
        s.AddSingleton(sp => new LampOutputs(options, sp.GetRequiredService<DeviceRegistry>(), () => sp.GetRequiredService<GpioController>(), sp.GetRequiredService<ModbusBuses>()));
        s.AddSingleton<I2cBusPollers>();
        if (options.Cabinet.DoorPin is not null)
        {
            s.AddSingleton<DoorPoller>();
        }

        s.AddSingleton<DistancePoller>();
        if (!pollers)
        {
            return s;
        }

        if (virtualCabinet)
        {
            s.AddHostedService<VirtualCabinetService>();
        }

        // AddHostedService(factory) is TryAddEnumerable keyed on the returned type: a second I2cBusPoller would be
        // silently dropped, so each bus's loop is added as its own IHostedService registration.
        foreach (var bus in options.I2cBuses)
        {
            int busId = bus.BusId;
            s.AddSingleton<IHostedService>(sp => sp.GetRequiredService<I2cBusPollers>()[busId]);
        }

        foreach (var bus in options.ModbusBuses)
        {
            string busId = bus.Id;
            s.AddSingleton<IHostedService>(sp => new ModbusBusService(
                busId, sp.GetRequiredService<ModbusBuses>().Pollers.Single(p => p.BusId == busId).Poller, sp.GetRequiredService<ILogger<ModbusBusService>>()));
        }

        if (options.Cabinet.DoorPin is not null)
        {
            s.AddHostedService(sp => sp.GetRequiredService<DoorPoller>());
        }

        if (options.Bins.Count > 0)
        {
            s.AddHostedService(sp => sp.GetRequiredService<DistancePoller>());
        }

        return s;
    }

    /// <summary>The control loops (lighting, parking, bins, cabinet), each fed by the sample hub, as hosted services
    /// when <paramref name="hosted"/>. Expects an <see cref="IClockTrust"/> and an <see cref="IStateStore"/>.</summary>
    public static IServiceCollection AddControlLoops(this IServiceCollection s, bool hosted = true)
    {
        s.AddSingleton(sp => new LightingService(
            sp.GetRequiredService<GatewayOptions>(),
            sp.GetRequiredService<LampOutputs>().ByGroup,
            sp.GetRequiredService<SampleHub>(),
            sp.GetRequiredService<IRecorder>(),
            sp.GetRequiredService<IStateStore>(),
            sp.GetRequiredService<IClockTrust>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LightingService>>()));
        s.AddSingleton<ParkingService>();
        s.AddSingleton<WasteService>();
        s.AddSingleton<CabinetService>();
        if (hosted)
        {
            s.AddHostedService(sp => sp.GetRequiredService<LightingService>());
            s.AddHostedService(sp => sp.GetRequiredService<ParkingService>());
            s.AddHostedService(sp => sp.GetRequiredService<WasteService>());
            s.AddHostedService(sp => sp.GetRequiredService<CabinetService>());
        }

        return s;
    }

    /// <summary>The MQTT commands and their router.</summary>
    public static IServiceCollection AddCommands(this IServiceCollection s, GatewayOptions options, TimeProvider time)
    {
        s.AddSingleton<IGatewayCommand, ParkingCalibrateCommand>();
        s.AddSingleton<IGatewayCommand, CabinetSessionCommand>();
        s.AddSingleton<IGatewayCommand, PingCommand>();
        s.AddSingleton<IGatewayCommand, StateGetCommand>();
        s.AddSingleton<IGatewayCommand, HistoryGetCommand>();

        // The uplink needs the command router: sync.resend finds the uplink when it runs, or the two would need each other.
        s.AddSingleton<IGatewayCommand>(sp => new SyncResendCommand(sp.GetRequiredService<IUplink>, sp.GetRequiredService<DurableLog>()));
        s.AddSingleton<IGatewayCommand, ConfigGetCommand>();
        s.AddSingleton<IGatewayCommand, ConfigSetCommand>();
        s.AddSingleton<IGatewayCommand, LightOverrideCommand>();
        s.AddSingleton<IGatewayCommand, LightReleaseCommand>();
        s.AddSingleton<ICommandHandler>(sp => new CommandRouter(sp.GetServices<IGatewayCommand>(), sp.GetRequiredService<ILogger<CommandRouter>>(), time, options.Commands));
        return s;
    }

    /// <summary>The technician page (<c>EdgeGateway:Web</c>) and the technician session it shares with <c>cabinet.session</c>.</summary>
    public static IServiceCollection AddWeb(this IServiceCollection s, GatewayOptions options) => s.AddTechnicianPage(options);
}
