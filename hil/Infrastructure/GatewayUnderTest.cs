using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hil.Infrastructure;

/// <summary>The whole gateway host, in process, on the virtual cabinet, with its log in a temp folder.</summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    private readonly IHost _host;

    private GatewayUnderTest(IHost host) => _host = host;

    /// <summary>The durable log.</summary>
    public DurableLog Log => _host.Services.GetRequiredService<DurableLog>();

    /// <summary>The uplink.</summary>
    public IUplink Uplink => _host.Services.GetRequiredService<IUplink>();

    /// <summary>The host's services (the same singletons the gateway runs on).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The gateway's clock.</summary>
    public TimeProvider Time => _host.Services.GetRequiredService<TimeProvider>();

    /// <summary>Settings for a simulated gateway talking to a broker on <paramref name="port"/>.</summary>
    public static Dictionary<string, string?> Settings(string gatewayId, int port, string logPath, double timeScale = 10) => new()
    {
        ["EdgeGateway:GatewayId"] = gatewayId,
        ["EdgeGateway:Mqtt:Host"] = "127.0.0.1",
        ["EdgeGateway:Mqtt:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EdgeGateway:Mqtt:ReconnectDelay"] = "00:00:01",
        ["EdgeGateway:Mqtt:MaxReconnectDelay"] = "00:00:05",
        ["EdgeGateway:Mqtt:KeepAlive"] = "00:00:05",
        ["EdgeGateway:Storage:Path"] = logPath,
        ["EdgeGateway:Recorder:MaxBatchAge"] = "00:00:02",
        ["EdgeGateway:Simulation:TimeScale"] = timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture),

        // The technician page on a free loopback port, so parallel gateways never fight over 8080.
        ["EdgeGateway:Web:Urls"] = "http://127.0.0.1:0",
        ["EdgeGateway:I2cBuses:0:BusId"] = "1",
        ["EdgeGateway:I2cBuses:0:Devices:0:Id"] = "lux1",
        ["EdgeGateway:I2cBuses:0:Devices:0:Kind"] = "bh1750",
        ["EdgeGateway:I2cBuses:0:Devices:0:Address"] = "35",
        ["EdgeGateway:I2cBuses:0:Devices:1:Id"] = "pwm1",
        ["EdgeGateway:I2cBuses:0:Devices:1:Kind"] = "pca9685",
        ["EdgeGateway:I2cBuses:0:Devices:1:Address"] = "64",
        ["EdgeGateway:LampGroups:0:Id"] = "street-1",
        ["EdgeGateway:LampGroups:0:LightSensor"] = "lux1",
        ["EdgeGateway:LampGroups:0:Outputs:0:Device"] = "pwm1",
        ["EdgeGateway:LampGroups:0:Outputs:0:Channel"] = "0",
    };

    /// <summary>Adds two parking bays (magnetometers on buses 3 and 4), a bin and the door contact on GPIO 17,
    /// with the world's seed and start, to <paramref name="settings"/>.</summary>
    public static Dictionary<string, string?> WithField(Dictionary<string, string?> settings, int seed, DateTimeOffset start)
    {
        settings["EdgeGateway:Simulation:Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["EdgeGateway:Simulation:Start"] = start.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        for (int i = 0; i < 2; i++)
        {
            string bus = $"EdgeGateway:I2cBuses:{i + 1}";
            settings[$"{bus}:BusId"] = (3 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"{bus}:Devices:0:Id"] = $"mag{i + 1}";
            settings[$"{bus}:Devices:0:Kind"] = "hmc5883l";
            settings[$"{bus}:Devices:0:Address"] = "30";
            settings[$"EdgeGateway:ParkingBays:{i}:Id"] = $"bay-0{i + 1}";
            settings[$"EdgeGateway:ParkingBays:{i}:Magnetometer"] = $"mag{i + 1}";
        }

        settings["EdgeGateway:Bins:0:Id"] = "bin-01";
        settings["EdgeGateway:Bins:0:DistanceSource"] = "us1";
        settings["EdgeGateway:Cabinet:DoorPin"] = "17";
        return settings;
    }

    /// <summary>Builds and starts the gateway.</summary>
    public static async Task<GatewayUnderTest> StartAsync(Dictionary<string, string?> settings)
    {
        var host = GatewayHost.Build(new GatewayLaunch { Simulate = true, UseDefaultSources = false, Overrides = settings });

        // Everything the host logs goes to the running test's log: an error it did not declare fails the test.
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(TestLog.Provider());
        await host.StartAsync();
        return new GatewayUnderTest(host);
    }

    /// <summary>Stops it as systemd would (SIGTERM): the recorder flushes, the uplink says offline.</summary>
    public Task StopAsync() => _host.StopAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
