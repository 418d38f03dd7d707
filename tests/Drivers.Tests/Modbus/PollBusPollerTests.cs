using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Polling;
using EdgeGateway.Drivers.Modbus.Simulation;
using Polly.CircuitBreaker;

namespace EdgeGateway.Drivers.Tests.Modbus;

[Trait("Category", "Unit")]
public sealed class PollBusPollerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task PollOnceAsync_Sdm630Meter_ReadsEveryPointCorrectlyInTwoRequests()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["eastron-sdm630"];
        var meter = new SimulatedEnergyMeter(profile, () => 3000);
        f.Client.Add(1, meter.Bank);
        var poller = f.CreatePoller(new ModbusDevice("meter", profile, 1));
        meter.Update(f.Time.GetUtcNow());

        int published = await f.CycleAsync(poller);

        Assert.Equal(profile.Points.Count, published);
        Assert.Equal(2, f.Client.RequestCount(1));
        foreach (var point in profile.Points)
        {
            var reading = f.Last($"meter.{point.Name}");
            Assert.Equal(Quality.Good, reading.Quality);
            Assert.Equal(meter.Values[point.Name], reading.Value, 1e-3 * Math.Max(1, Math.Abs(reading.Value)));
        }

        Assert.Equal(3000, f.Last("meter.power").Value, 1e-3);
        Assert.Equal(1000, f.Last("meter.powerL2").Value, 1e-3);
        Assert.InRange(f.Last("meter.voltageL1").Value, 229, 231);
        Assert.Equal(profile.Points.Count, poller.Points.Count);
        Assert.Contains(new EdgeGateway.Drivers.Polling.PointInfo("meter.energyImport", "kWh", "energyImport", "meter"), poller.Points);
    }

    [Fact]
    public async Task PollOnceAsync_MeterSaysNotAvailableWithNaN_BadWithTheLastGoodValue()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["eastron-sdm120"];
        var meter = new SimulatedEnergyMeter(profile, () => 500);
        f.Client.Add(1, meter.Bank);
        var poller = f.CreatePoller(new ModbusDevice("meter", profile, 1));
        meter.Update(f.Time.GetUtcNow());
        await f.CycleAsync(poller);
        double good = f.Last("meter.power").Value;

        var address = profile.FindPoint("power")!.Address;
        meter.Bank.SetInput(address, 0x7FC0, 0x0000); // f32 quiet NaN, ABCD
        f.Advance(TimeSpan.FromMinutes(1));
        await f.CycleAsync(poller);

        var power = f.Last("meter.power");
        Assert.Equal(Quality.Bad, power.Quality);
        Assert.Equal(good, power.Value);
        Assert.Equal(Quality.Good, f.Last("meter.voltage").Quality);
    }

    [Fact]
    public async Task PollOnceAsync_Em340Meter_DecodesScaledCdab()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["carlo-gavazzi-em340"];
        var meter = new SimulatedEnergyMeter(profile, () => 2300);
        f.Client.Add(7, meter.Bank);
        var poller = f.CreatePoller(new ModbusDevice("em", profile, 7));
        meter.Update(f.Time.GetUtcNow());

        await f.CycleAsync(poller);

        Assert.Equal(2300, f.Last("em.power").Value, 0.05);
        Assert.Equal(meter.Values["voltageL1"], f.Last("em.voltageL1").Value, 0.05);
        Assert.Equal(0.95, f.Last("em.powerFactor").Value, 0.0005);
        Assert.Equal(50, f.Last("em.frequency").Value, 0.05);
    }

    [Fact]
    public async Task PollOnceAsync_LiveSlaveAfterADeadOne_ReadingCarriesItsAnswerTimeNotTheCycleStart()
    {
        var f = new PollFixture();
        var led = new SimulatedLedDriver(PollFixture.Profiles["generic-led-driver"], 40);
        f.Client.Add(2, led.Bank);
        var poller = f.CreatePoller(
            new ModbusDevice("dead", PollFixture.Profiles["eastron-sdm120"], 3, Second),
            new ModbusDevice("led", PollFixture.Profiles["generic-led-driver"], 2, Second));
        var cycle = f.Time.GetUtcNow();

        await f.CycleAsync(poller);

        // The dead slave cost at least one timeout before the LED driver was asked: its answer came that much later.
        var power = f.Readings.Single(r => r.Point == "led.power");
        Assert.True(power.Timestamp >= cycle + f.Client.Timeout, $"stamped {power.Timestamp:O}, cycle began {cycle:O}");
        Assert.True(power.Timestamp <= f.Time.GetUtcNow());
        Assert.All(f.Readings.Where(r => r.Point.StartsWith("dead.", StringComparison.Ordinal)), r => Assert.True(r.Timestamp > cycle));
    }

    [Fact]
    public async Task PollOnceAsync_DeadSlaveAmongLive_LiveEveryCycleDeadAtMostOneRequestPerBreak()
    {
        var f = new PollFixture();
        var meterProfile = PollFixture.Profiles["eastron-sdm630"];
        var meter = new SimulatedEnergyMeter(meterProfile, () => 1500);
        var led = new SimulatedLedDriver(PollFixture.Profiles["generic-led-driver"], 40);
        f.Client.Add(1, meter.Bank);
        f.Client.Add(2, led.Bank);
        var poller = f.CreatePoller(
            new ModbusDevice("meter", meterProfile, 1, Second),
            new ModbusDevice("dead", PollFixture.Profiles["eastron-sdm120"], 3, Second),
            new ModbusDevice("led", PollFixture.Profiles["generic-led-driver"], 2, Second));
        var start = f.Time.GetUtcNow();

        const int cycles = 120;
        for (int i = 0; i < cycles; i++)
        {
            meter.Update(f.Time.GetUtcNow());
            var now = f.Time.GetUtcNow();
            await f.CycleAsync(poller);

            // Each reading carries the time its slave answered (or was found dead): within this cycle, not before it.
            var end = f.Time.GetUtcNow();
            Assert.Contains(f.Readings, r => r.Point == "meter.power" && r.Timestamp >= now && r.Timestamp <= end && r.Quality == Quality.Good);
            Assert.Contains(f.Readings, r => r.Point == "led.power" && r.Timestamp >= now && r.Timestamp <= end && r.Quality == Quality.Good);
            Assert.Contains(f.Readings, r => r.Point == "dead.voltage" && r.Timestamp >= now && r.Timestamp <= end && r.Quality == Quality.Bad);
            f.Time.Advance(Second);
        }

        var elapsed = f.Time.GetUtcNow() - start;
        int allowed = 3 + (int)Math.Ceiling(elapsed / TimeSpan.FromSeconds(30));
        Assert.InRange(f.Client.RequestCount(3), 4, allowed);
        Assert.All(f.Readings.Where(r => r.Point.StartsWith("dead.", StringComparison.Ordinal)), r =>
        {
            Assert.Equal(Quality.Bad, r.Quality);
            Assert.True(double.IsNaN(r.Value), "never answered: NaN, never 0");
        });
        var health = poller.GetHealth();
        Assert.Equal(CircuitState.Open, health["dead"].Breaker);
        Assert.Equal(f.Client.RequestCount(3), health["dead"].Timeouts);
        Assert.True(health["dead"].SkippedPolls > 100);
        Assert.Equal(CircuitState.Closed, health["meter"].Breaker);
        Assert.Equal(0, health["meter"].Timeouts);
        Assert.Equal(health["meter"].Requests, health["meter"].Successes);
    }

    [Fact]
    public async Task PollOnceAsync_SlaveDiesAfterAnswering_BadReadingsCarryLastGoodValueAndBreakerOpensAfterThree()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["generic-led-driver"];
        var led = new SimulatedLedDriver(profile, 40, initialLevel: 50);
        f.Client.Add(2, led.Bank);
        var poller = f.CreatePoller(new ModbusDevice("led", profile, 2, Second));
        for (int i = 0; i < 20; i++)
        {
            await f.CycleAsync(poller);
            f.Time.Advance(Second);
        }

        Assert.Equal(20, f.Last("led.power").Value, 1e-9);
        f.Client.SetDead(2);
        int before = f.Client.RequestCount(2);

        for (int i = 0; i < 6; i++)
        {
            await f.CycleAsync(poller);
            var reading = f.Last("led.power");
            Assert.Equal(Quality.Bad, reading.Quality);
            Assert.Equal(20, reading.Value, 1e-9);
            Assert.Equal(50, f.Last("led.dimLevel").Value, 1e-9);
            f.Time.Advance(Second);
        }

        // Many successes before did not delay the break: exactly three failed polls, one request each.
        Assert.Equal(3, f.Client.RequestCount(2) - before);
        var health = poller.GetHealth()["led"];
        Assert.Equal(CircuitState.Open, health.Breaker);
        Assert.Equal(3, health.Timeouts);
        Assert.Contains("did not answer", health.LastError, StringComparison.Ordinal);
        Assert.NotNull(health.LastSuccess);
        Assert.DoesNotContain(f.Readings, r => r.Point is "led.power" or "led.dimLevel" && r.Value == 0);
    }

    [Fact]
    public async Task PollOnceAsync_SlaveReturns_HalfOpenTrialClosesBreakerAndReadingsAreGoodAgain()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["generic-ultrasonic-level"];
        double? distance = 800;
        var sensor = new SimulatedLevelSensor(profile, () => distance);
        f.Client.Add(4, sensor.Bank);
        var poller = f.CreatePoller(new ModbusDevice("bin", profile, 4, Second));
        sensor.Update(f.Time.GetUtcNow());
        f.Client.SetDead(4);
        for (int i = 0; i < 5; i++)
        {
            await f.CycleAsync(poller);
            f.Time.Advance(Second);
        }

        Assert.Equal(CircuitState.Open, poller.GetHealth()["bin"].Breaker);
        Assert.True(double.IsNaN(f.Last("bin.distance").Value));

        f.Client.SetDead(4, false);
        await f.CycleAsync(poller); // still within the break: nothing sent
        Assert.Equal(Quality.Bad, f.Last("bin.distance").Quality);
        f.Time.Advance(TimeSpan.FromSeconds(30));
        int before = f.Client.RequestCount(4);

        await f.CycleAsync(poller);

        Assert.Equal(2, f.Client.RequestCount(4) - before); // input registers and discrete inputs
        Assert.Equal(Quality.Good, f.Last("bin.distance").Quality);
        Assert.Equal(800, f.Last("bin.distance").Value);
        Assert.Equal(0, f.Last("bin.noEcho").Value);
        Assert.Equal(CircuitState.Closed, poller.GetHealth()["bin"].Breaker);
    }

    [Fact]
    public async Task PollOnceAsync_ExceptionResponses_CountedByCodeAndPollingGoesOn()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["eastron-sdm120"];
        var meter = new SimulatedEnergyMeter(profile, () => 100);
        f.Client.Add(1, meter.Bank);
        var poller = f.CreatePoller(new ModbusDevice("meter", profile, 1, Second));
        meter.Update(f.Time.GetUtcNow());
        await f.CycleAsync(poller);
        double good = f.Last("meter.power").Value;
        f.Client.SetException(1, ModbusExceptionCode.SlaveDeviceBusy);

        for (int i = 0; i < 10; i++)
        {
            f.Time.Advance(Second);
            int before = f.Client.RequestCount(1);
            await f.CycleAsync(poller);
            Assert.True(f.Client.RequestCount(1) > before, "the slave answers, so it keeps being polled");
            Assert.Equal(Quality.Bad, f.Last("meter.power").Quality);
            Assert.Equal(good, f.Last("meter.power").Value);
        }

        var health = poller.GetHealth()["meter"];
        Assert.Equal(CircuitState.Closed, health.Breaker);
        Assert.Equal(10, health.ExceptionResponses[ModbusExceptionCode.SlaveDeviceBusy]);
        Assert.Equal(0, health.Timeouts);
        Assert.NotNull(health.LastLatency);

        f.Client.SetException(1, null);
        f.Time.Advance(Second);
        await f.CycleAsync(poller);
        Assert.Equal(Quality.Good, f.Last("meter.power").Quality);
    }

    [Fact]
    public async Task PollOnceAsync_CorruptAnswers_CountedAsFrameErrorsAndBreakerOpens()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["generic-led-driver"];
        var led = new SimulatedLedDriver(profile, 40);
        f.Client.Add(2, led.Bank);
        var poller = f.CreatePoller(new ModbusDevice("led", profile, 2, Second));
        f.Client.SetCorrupt(2);

        for (int i = 0; i < 5; i++)
        {
            await f.CycleAsync(poller);
            f.Time.Advance(Second);
        }

        var health = poller.GetHealth()["led"];
        Assert.Equal(CircuitState.Open, health.Breaker);
        Assert.True(health.FrameErrors >= 3);
        Assert.Equal(Quality.Bad, f.Last("led.power").Quality);
        Assert.True(double.IsNaN(f.Last("led.power").Value));
    }

    [Fact]
    public async Task WriteAsync_DimLevel_ChangesLedPowerReadback()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["generic-led-driver"];
        var led = new SimulatedLedDriver(profile, 40, initialLevel: 100);
        f.Client.Add(2, led.Bank);
        var poller = f.CreatePoller(new ModbusDevice("led", profile, 2, Second));
        await f.CycleAsync(poller);
        Assert.Equal(40, f.Last("led.power").Value, 1e-9);

        await poller.WriteAsync("led", "dimLevel", 25);
        f.Time.Advance(Second);
        await f.CycleAsync(poller);

        Assert.Equal(25, led.Level);
        Assert.Equal(10, f.Last("led.power").Value, 1e-9);
        Assert.Equal(25, f.Last("led.dimLevel").Value);
        Assert.Equal(0, f.Last("led.lampFailure").Value);

        led.Failed = true;
        led.Update(f.Time.GetUtcNow());
        f.Time.Advance(Second);
        await f.CycleAsync(poller);
        Assert.True(f.Last("led.power").Value < 1);
        Assert.Equal(1, f.Last("led.lampFailure").Value);
    }

    [Fact]
    public async Task WriteAsync_OutOfRangeOrUnknown_ThrowsWithoutSending()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["generic-led-driver"];
        f.Client.Add(2, new SimulatedLedDriver(profile, 40).Bank);
        var poller = f.CreatePoller(new ModbusDevice("led", profile, 2));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => poller.WriteAsync("led", "dimLevel", 101));
        await Assert.ThrowsAsync<ArgumentException>(() => poller.WriteAsync("led", "colour", 1));
        await Assert.ThrowsAsync<ArgumentException>(() => poller.WriteAsync("nope", "dimLevel", 1));
        Assert.Equal(0, f.Client.RequestCount(2));
    }

    [Fact]
    public async Task WriteAsync_BreakerOpen_FailsFastWithoutSending()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["generic-led-driver"];
        f.Client.Add(2, new SimulatedLedDriver(profile, 40).Bank);
        var poller = f.CreatePoller(new ModbusDevice("led", profile, 2, Second));
        f.Client.SetDead(2);
        for (int i = 0; i < 3; i++)
        {
            await f.CycleAsync(poller);
            f.Time.Advance(Second);
        }

        int before = f.Client.RequestCount(2);

        var ex = await Assert.ThrowsAsync<ModbusBreakerOpenException>(() => poller.WriteAsync("led", "dimLevel", 10));

        Assert.Equal("led", ex.DeviceId);
        Assert.Contains("circuit breaker is open", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, f.Client.RequestCount(2));
    }

    [Fact]
    public async Task PollOnceAsync_PointIntervals_EnergyReadLessOftenThanPower()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["eastron-sdm120"];
        var meter = new SimulatedEnergyMeter(profile, () => 100);
        f.Client.Add(1, meter.Bank);
        var poller = f.CreatePoller(new ModbusDevice("meter", profile, 1, Second));

        for (int i = 0; i < 120; i++)
        {
            meter.Update(f.Time.GetUtcNow());
            await f.CycleAsync(poller);
            f.Time.Advance(Second);
        }

        Assert.Equal(120, f.Readings.Count(r => r.Point == "meter.power"));
        Assert.Equal(2, f.Readings.Count(r => r.Point == "meter.energyImport"));
    }

    [Fact]
    public async Task RunAsync_FakeClock_PollsUntilCancelled()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["generic-led-driver"];
        f.Client.Add(2, new SimulatedLedDriver(profile, 40).Bank);
        var poller = f.CreatePoller(new ModbusDevice("led", profile, 2, Second));
        using var cts = new CancellationTokenSource();

        Task run;
        using (PollFixture.NoSyncContext())
        {
            run = poller.RunAsync(cts.Token);
            for (int i = 0; i < 5; i++)
            {
                f.Time.Advance(Second);
            }
        }

        await cts.CancelAsync();
        await run;

        Assert.Equal(6, f.Readings.Count(r => r.Point == "led.power"));
    }
}
