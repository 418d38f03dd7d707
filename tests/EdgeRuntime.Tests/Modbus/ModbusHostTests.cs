using System.Text.Json.Nodes;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Modbus.Polling;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Runtime.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Modbus;

/// <summary>
/// The host's Modbus side on the virtual cabinet, driven step by step on a fake clock (the host is built, not
/// started): a meter on the street-1 feeder, an LED driver lighting street-2, a level sensor in bin-02, all on one
/// simulated RS-485 bus polled by the real poller.
/// </summary>
public sealed class ModbusHostTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modbus-host-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 19, 0, 0, TimeSpan.Zero));
    private readonly IHost _host;

    public ModbusHostTests()
    {
        _host = GatewayHost.Build(new GatewayLaunch { UseDefaultSources = false, Overrides = Settings(_folder), Time = _time });
        TestLog.Attach(_host.Services);
    }

    private IServiceProvider Services => _host.Services;

    private LightingService Lighting => Services.GetRequiredService<LightingService>();

    private VirtualModbus Slaves => Services.GetRequiredService<VirtualModbus>();

    private ModbusBusPoller Poller => Services.GetRequiredService<ModbusBuses>().Find("meter1")!.Value.Poller;

    private PointTable Points => Services.GetRequiredService<PointTable>();

    public void Dispose()
    {
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    // The web tests' gateway (lux1 and pwm1 on I2C bus 1, street-1 on PWM channel 0), plus the RS-485 side.
    internal static Dictionary<string, string?> Settings(string folder)
    {
        var settings = Web.WebGateway.Settings(folder);
        settings["EdgeGateway:ModbusBuses:0:Id"] = "rs485-1";
        settings["EdgeGateway:ModbusBuses:0:Kind"] = "rtu";
        settings["EdgeGateway:ModbusBuses:0:Devices:0:Id"] = "meter1";
        settings["EdgeGateway:ModbusBuses:0:Devices:0:Profile"] = "eastron-sdm120";
        settings["EdgeGateway:ModbusBuses:0:Devices:0:UnitId"] = "1";
        settings["EdgeGateway:ModbusBuses:0:Devices:0:PollInterval"] = "00:00:05";
        settings["EdgeGateway:ModbusBuses:0:Devices:1:Id"] = "led1";
        settings["EdgeGateway:ModbusBuses:0:Devices:1:Profile"] = "generic-led-driver";
        settings["EdgeGateway:ModbusBuses:0:Devices:1:UnitId"] = "2";
        settings["EdgeGateway:ModbusBuses:0:Devices:1:PollInterval"] = "00:00:05";
        settings["EdgeGateway:ModbusBuses:0:Devices:2:Id"] = "level1";
        settings["EdgeGateway:ModbusBuses:0:Devices:2:Profile"] = "generic-ultrasonic-level";
        settings["EdgeGateway:ModbusBuses:0:Devices:2:UnitId"] = "3";
        settings["EdgeGateway:ModbusBuses:0:Devices:2:PollInterval"] = "00:00:05";
        settings["EdgeGateway:LampGroups:0:PowerPoint"] = "meter1.power";
        settings["EdgeGateway:LampGroups:0:Control:NominalPowerW"] = "400";
        settings["EdgeGateway:LampGroups:1:Id"] = "street-2";
        settings["EdgeGateway:LampGroups:1:LightSensor"] = "lux1";
        settings["EdgeGateway:LampGroups:1:PowerPoint"] = "led1.power";
        settings["EdgeGateway:LampGroups:1:Outputs:0:Kind"] = "modbus";
        settings["EdgeGateway:LampGroups:1:Outputs:0:Device"] = "led1";
        settings["EdgeGateway:LampGroups:1:Control:NominalPowerW"] = "120";
        settings["EdgeGateway:LampGroups:1:Control:FailureTimeS"] = "60";
        settings["EdgeGateway:LampGroups:1:Control:RecoveryTimeS"] = "10";
        settings["EdgeGateway:Bins:0:Id"] = "bin-02";
        settings["EdgeGateway:Bins:0:DistanceSource"] = "level1";
        settings["EdgeGateway:Cabinet:MainsVoltagePoint"] = "meter1.voltage";
        return settings;
    }

    [Fact]
    public async Task Override_DimsBothGroups_MeterAndDriverPowerFollowTheLevel()
    {
        await OverrideAsync("street-1", 50);
        await OverrideAsync("street-2", 30);
        await CyclesAsync(2);

        Assert.Equal(30, Slaves.Drivers["led1"].Level);
        AssertGood("meter1.power", 200, 1);
        AssertGood("led1.power", 36, 1);
        AssertGood("meter1.voltage", 230, 2);

        await OverrideAsync("street-1", 100);
        await CyclesAsync(2);
        AssertGood("meter1.power", 400, 1);
    }

    [Fact]
    public async Task LedDriverLampFails_LampFailureOnceThenRecovered()
    {
        await OverrideAsync("street-2", 100);
        await CyclesAsync(2);
        Assert.False(Lighting.Groups["street-2"].Status(_time.GetUtcNow()).LampFailed);

        Slaves.Drivers["led1"].Failed = true;
        await CyclesAsync(20);
        Assert.True(Lighting.Groups["street-2"].Status(_time.GetUtcNow()).LampFailed);
        Assert.False(Lighting.Groups["street-1"].Status(_time.GetUtcNow()).LampFailed);

        Slaves.Drivers["led1"].Failed = false;
        await CyclesAsync(5);
        Assert.False(Lighting.Groups["street-2"].Status(_time.GetUtcNow()).LampFailed);
    }

    [Fact]
    public async Task DriverStopsAnswering_ItsPointsGoBadWithTheLastValue_TheMeterStillPolledEveryCycle()
    {
        await OverrideAsync("street-2", 50);
        await CyclesAsync(2);
        AssertGood("led1.power", 60, 1);

        Slaves.Clients["rs485-1"].SetDead(2);
        int meterBefore = Slaves.Clients["rs485-1"].RequestCount(1);
        await CyclesAsync(12);

        var power = Points.Get("led1.power")!.Value;
        Assert.Equal(Quality.Bad, power.Quality);
        Assert.Equal(60, power.Value, 1);
        AssertGood("meter1.power", 400, 1);
        Assert.True(Slaves.Clients["rs485-1"].RequestCount(1) - meterBefore >= 12, "the meter was not polled every cycle");

        var snapshot = Services.GetRequiredService<HealthService>().Snapshot();
        Assert.Equal(Hosting.HealthReportJsonTests.PreviousShape(snapshot), snapshot.ToJson()); // the contract's document
        var health = snapshot.Devices;
        Assert.False(health["led1"].Ok);
        Assert.True(Assert.IsType<ModbusSlaveHealthReport>(health["led1"]).Timeouts >= 1);
        Assert.True(health["meter1"].Ok);

        var metrics = await Services.GetRequiredService<EdgeGateway.Runtime.Web.TechnicianPage>().Metrics.ExportTextAsync();
        var timeouts = System.Text.RegularExpressions.Regex.Match(metrics, @"^edge_modbus_timeouts_total\{bus=""rs485-1"",device=""led1""\} (\d+)$", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(timeouts.Success, "no Modbus timeout counter for led1 in /metrics");
        Assert.True(long.Parse(timeouts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("edge_device_up{device=\"meter1\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("edge_device_up{device=\"led1\"} 0", metrics, StringComparison.Ordinal);

        Slaves.Clients["rs485-1"].SetDead(2, false);
        await CyclesAsync(8);
        Assert.Equal(Quality.Good, Points.Get("led1.power")!.Value.Quality);
    }

    [Fact]
    public async Task LevelSensor_FeedsTheBinWithTheSurfaceDistanceEachPoll()
    {
        var source = Services.GetRequiredService<Drivers.Distance.IDistanceSourceFactory>().Open("level1", 5);
        Assert.IsType<ModbusDistanceSource>(source);
        await CyclesAsync(9);

        // One distance per poll, raw like a ping (the bin's median and echo rejection do the filtering).
        var pings = source.PingCycle(_time.GetUtcNow());
        Assert.Equal(9, pings.Count);
        var world = Services.GetRequiredService<StreetSimulation>().World;
        double surface = world.Options.EmptyDistanceMm - (world.BinFillPct("bin-02", _time.GetUtcNow()) / 100 * (world.Options.EmptyDistanceMm - world.Options.FullDistanceMm));
        double median = pings.Where(double.IsFinite).Order().ElementAt(pings.Count(double.IsFinite) / 2);
        Assert.InRange(median, surface - 40, surface + 40);
        Assert.Empty(source.PingCycle(_time.GetUtcNow()));
    }

    [Fact]
    public async Task FeederLosesItsSupply_PowerLostFromTheMeterVoltage_ThenRestored()
    {
        var cabinet = Services.GetRequiredService<EdgeGateway.Runtime.Cabinet.CabinetService>();
        await CyclesAsync(2);
        cabinet.Step(_time.GetUtcNow());
        Assert.False(cabinet.Status.PowerLost);

        Slaves.Meters["meter1"].SupplyLost = true;
        for (int i = 0; i < 3; i++)
        {
            await CyclesAsync(1);
            cabinet.Step(_time.GetUtcNow());
        }

        AssertGood("meter1.voltage", 0, 0.5);
        Assert.True(cabinet.Status.PowerLost);

        Slaves.Meters["meter1"].SupplyLost = false;
        for (int i = 0; i < 3; i++)
        {
            await CyclesAsync(1);
            cabinet.Step(_time.GetUtcNow());
        }

        Assert.False(cabinet.Status.PowerLost);
    }

    private async Task OverrideAsync(string group, int level)
    {
        var command = Services.GetServices<IGatewayCommand>().Single(c => c.Name == "light.override");
        await command.ExecuteAsync(new JsonObject { ["group"] = group, ["level"] = level, ["durationS"] = 7200 }, CancellationToken.None);
    }

    // One 5-second step: the lamps decide (and write the LED driver on the bus), the slaves move, the bus is polled.
    private async Task CyclesAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            var now = _time.GetUtcNow();
            Lighting.Step(now);
            Slaves.Update(now);
            Task poll;
            using (NoSyncContext.Enter())
            {
                poll = Poller.PollOnceAsync(now);
                for (int k = 0; k < 20 && !poll.IsCompleted; k++)
                {
                    _time.Advance(TimeSpan.FromSeconds(1));
                }
            }

            Assert.True(poll.IsCompleted, "the poll did not finish on the fake clock");
            await poll;
            using (NoSyncContext.Enter())
            {
                _time.Advance(TimeSpan.FromSeconds(5));
            }
        }
    }

    private void AssertGood(string point, double expected, double tolerance)
    {
        var reading = Points.Get(point) ?? throw new Xunit.Sdk.XunitException($"no reading of {point}");
        Assert.Equal(Quality.Good, reading.Quality);
        Assert.InRange(reading.Value, expected - tolerance, expected + tolerance);
    }
}
