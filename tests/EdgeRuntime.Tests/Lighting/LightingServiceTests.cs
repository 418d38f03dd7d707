using System.Text.Json.Nodes;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Drivers.Devices.Pca9685;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Lighting.Outputs;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Runtime.Simulation;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Integration")]
public sealed class LightingServiceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lighting-").FullName;
    private readonly GatewayOptions _options = new()
    {
        GatewayId = "cab-01",
        I2cBuses = [new I2cBusOptions { BusId = 1, Devices = [new() { Id = "lux1", Kind = "bh1750", Address = 0x23 }, new() { Id = "pwm1", Kind = "pca9685", Address = 0x40 }] }],
        LampGroups =
        [
            new Runtime.Options.LampGroupOptions
            {
                Id = "street-1",
                LightSensor = "lux1",
                Outputs = [new() { Kind = "pwm", Device = "pwm1", Channel = 5 }],
                Control = new() { Mode = LightingMode.Photocell, OnDelayS = 60, OffDelayS = 60 },
            },
        ],
    };

    private readonly VirtualCabinet _cabinet;
    private readonly DeviceRegistry _devices;
    private readonly PointTable _points = new();
    private readonly ListRecorder _recorder = new();
    private readonly SampleHub _hub;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 20, 0, 0, TimeSpan.Zero));
    private DurableLog _log;

    public LightingServiceTests()
    {
        _cabinet = VirtualCabinetFactory.Create(_options);
        _devices = new DeviceRegistry(_options, _cabinet);
        _hub = new SampleHub(new ReadingSink(_points, _recorder));
        _log = new DurableLog(new DurableLogOptions { Path = Path.Combine(_folder, "log.db") });
    }

    private SimulatedPca9685 Pwm => (SimulatedPca9685)_cabinet.Devices[(1, 0x40)];

    public void Dispose()
    {
        _devices.Dispose();
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private LightingService NewService() => new(
        _options, new LampOutputs(_options, _devices).ByGroup, _hub, _recorder, _log, new TrustedClock(), _time, TestLog.For<LightingService>());

    // What a bus poller does with a device's read: the point table's latest value, the sample to the subscribed loops.
    private void Feed(string point, double value)
    {
        var reading = new Reading(point, _time.GetUtcNow(), value, Quality.Good);
        _points.Update(reading);
        _hub.Notify(new DeviceSample(DeviceSample.DeviceOf(point), reading.Timestamp, [reading]));
    }

    private void RunSeconds(LightingService service, int seconds, double lux)
    {
        for (int s = 0; s < seconds; s++)
        {
            Feed("lux1.lux", lux);
            service.Step(_time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void Step_OutputDeadForLong_WarnsWhenItStartsFailingAndEveryTenMinutes_ThenSaysItIsBack()
    {
        var output = new FlakyOutput { Failing = true };
        var logger = TestLog.For<LightingService>();
        var service = new LightingService(
            _options, new Dictionary<string, IReadOnlyList<ILampOutput>> { ["street-1"] = [output] }, _hub,
            _recorder, _log, new TrustedClock(), _time, logger);

        RunSeconds(service, 9 * 60, 0);
        Assert.Equal(1, logger.Entries.Count(e => e.Id.Id == 400));
        Assert.True(output.Attempts > 60, "the dead output is retried every step");

        RunSeconds(service, 2 * 60, 0);
        Assert.Equal(2, logger.Entries.Count(e => e.Id.Id == 400));

        output.Failing = false;
        RunSeconds(service, 5, 0);
        Assert.Equal(1, logger.Entries.Count(e => e.Id.Id == 402));
        Assert.Equal(2, logger.Entries.Count(e => e.Id.Id == 400));
    }

    private sealed class FlakyOutput : ILampOutput
    {
        public bool Failing { get; set; }

        public int Attempts { get; private set; }

        public string Name => "flaky";

        public void Apply(int level)
        {
            Attempts++;
            if (Failing)
            {
                throw new IOException("no answer");
            }
        }
    }

    [Fact]
    public void Step_DarkForTheOnDelay_DrivesThePwmChannelThroughTheBindingAndRecordsLightOn()
    {
        var service = NewService();
        RunSeconds(service, 1, 500);
        Assert.Equal(0, Pwm.DutyCycle(5));

        RunSeconds(service, 62, 3);

        Assert.Equal(1, Pwm.DutyCycle(5));
        var on = Assert.Single(_recorder.Events, e => e.Type == "light.on");
        Assert.Equal("photocell", on.Data["cause"]);
        Assert.Equal(100, _points.Get("street-1.level")!.Value.Value);
    }

    [Fact]
    public async Task Override_ThenRelease_LevelChangesAtOnceAndReturnsToProgram()
    {
        var service = NewService();
        RunSeconds(service, 120, 3);
        var overrideCommand = new LightOverrideCommand(service, _time);
        var release = new LightReleaseCommand(service);

        var result = await overrideCommand.ExecuteAsync(new JsonObject { ["group"] = "street-1", ["level"] = 30, ["durationS"] = 600 }, CancellationToken.None);

        Assert.Equal(30, result!["level"]!.GetValue<int>());
        Assert.Equal(0.3, Pwm.DutyCycle(5), 2);
        Assert.Contains(_recorder.Events, e => e.Type == "light.level" && (string?)e.Data["cause"] == "override");

        await release.ExecuteAsync(new JsonObject { ["group"] = "street-1" }, CancellationToken.None);

        Assert.Equal(1, Pwm.DutyCycle(5));
    }

    [Fact]
    public void Override_Expires_BackToProgramByItself()
    {
        var service = NewService();
        RunSeconds(service, 120, 3);
        service.Groups["street-1"].Override(new OverrideRequest("street-1", 10, 60), _time.GetUtcNow());

        RunSeconds(service, 30, 3);
        Assert.Equal(0.1, Pwm.DutyCycle(5), 2);
        RunSeconds(service, 40, 3);

        Assert.Equal(1, Pwm.DutyCycle(5));
    }

    [Theory]
    [InlineData("""{"group":"street-1","level":101,"durationS":60}""", "level")]
    [InlineData("""{"group":"street-1","level":50,"durationS":0}""", "durationS")]
    [InlineData("""{"group":"nowhere","level":50,"durationS":60}""", "nowhere")]
    [InlineData("""{"level":50,"durationS":60}""", "group")]
    public async Task Override_BadArguments_BadRequestNamingTheArgument(string json, string named)
    {
        var service = NewService();
        var command = new LightOverrideCommand(service, _time);

        var ex = await Assert.ThrowsAsync<CommandException>(() => command.ExecuteAsync((JsonObject)JsonNode.Parse(json)!, CancellationToken.None));

        Assert.Equal("bad_request", ex.Code);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counters_GatewayRestarted_BurningHoursAndSwitchOnsKept()
    {
        var first = NewService();
        RunSeconds(first, 10, 500);
        RunSeconds(first, 2 * 3600, 3);
        await first.StopAsync(CancellationToken.None);
        var before = first.Groups["street-1"].Counters;
        _log.Dispose();
        _log = new DurableLog(new DurableLogOptions { Path = Path.Combine(_folder, "log.db") });

        var second = NewService();

        Assert.InRange(before.BurningHours, 1.9, 2.0);
        Assert.Equal(1, before.SwitchOnCount);
        Assert.Equal(before, second.Groups["street-1"].Counters);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Step_RelayOutput_DrivesTheGpioPinFailSafeForNormallyClosed(bool normallyClosed)
    {
        var gpio = new System.Device.Gpio.GpioController(_cabinet.Gpio);
        _options.LampGroups[0].Outputs.Add(new LampOutputOptions { Kind = "relay", Pin = 22, NormallyClosed = normallyClosed });
        var service = new LightingService(
            _options, new LampOutputs(_options, _devices, () => gpio).ByGroup, _hub, _recorder, _log, new TrustedClock(), _time, TestLog.For<LightingService>());

        RunSeconds(service, 5, 500);
        var byDay = _cabinet.Gpio.Level(22);
        RunSeconds(service, 65, 3);
        var atNight = _cabinet.Gpio.Level(22);

        // Normally closed: the coil is energised (high) only to hold the lamps off; at night it is released.
        Assert.Equal(normallyClosed ? System.Device.Gpio.PinValue.High : System.Device.Gpio.PinValue.Low, byDay);
        Assert.Equal(normallyClosed ? System.Device.Gpio.PinValue.Low : System.Device.Gpio.PinValue.High, atNight);
        Assert.Equal(1, Pwm.DutyCycle(5));
    }

    [Fact]
    public void Step_PowerFarBelowNominalWhileOn_LampFailureOnceThenRecovered()
    {
        _options.LampGroups[0].PowerPoint = "meter1.power";
        _options.LampGroups[0].Control = _options.LampGroups[0].Control with { NominalPowerW = 400, FailureTimeS = 300, RecoveryTimeS = 60 };
        var service = NewService();
        void Run(int seconds, double watts)
        {
            for (int s = 0; s < seconds; s++)
            {
                Feed("meter1.power", watts);
                RunSeconds(service, 1, 3);
            }
        }

        Run(120, 395);
        Run(400, 60);
        Run(120, 390);

        Assert.Single(_recorder.Events, e => e.Type == "lamp.failure");
        Assert.Single(_recorder.Events, e => e.Type == "lamp.recovered");
    }

    [Fact]
    public void Step_OutputNotAnswering_RetriedEveryTickUntilItTakes()
    {
        var service = NewService();
        Pwm.Faulted = true;
        RunSeconds(service, 120, 3);
        Assert.Equal(0, Pwm.DutyCycle(5));

        Pwm.Faulted = false;
        RunSeconds(service, 1, 3);

        Assert.Equal(1, Pwm.DutyCycle(5));
    }

    private sealed class ListRecorder : IRecorder
    {
        public List<GatewayEvent> Events { get; } = [];

        public void Record(Reading reading)
        {
        }

        public void Record(GatewayEvent gatewayEvent) => Events.Add(gatewayEvent);
    }
}
