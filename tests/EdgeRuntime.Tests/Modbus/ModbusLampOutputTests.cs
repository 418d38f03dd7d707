using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Modbus.Polling;
using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Runtime.Lighting.Outputs.ModbusLed;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Modbus;

public sealed class ModbusLampOutputTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 20, 0, 0, TimeSpan.Zero));
    private readonly SimulatedModbusClient _client;
    private readonly SimulatedLedDriver _driver;
    private readonly ModbusLampOutput _output;
    private readonly ModbusBusPoller _poller;

    public ModbusLampOutputTests()
    {
        var profile = DeviceProfileLoader.LoadFolder(DeviceProfileLoader.DefaultFolder)["generic-led-driver"];
        _client = new SimulatedModbusClient(_time, TimeSpan.FromSeconds(1));
        _driver = new SimulatedLedDriver(profile, 100, initialLevel: 0);
        _client.Add(5, _driver.Bank);
        var poller = _poller = new ModbusBusPoller(_client, [new ModbusDevice("led5", profile, 5)], _ => { }, _time,
            new ModbusPollerOptions { FailuresToBreak = 2, BreakDuration = TimeSpan.FromSeconds(30) });
        _output = new ModbusLampOutput(poller, "led5");
    }

    [Fact]
    public void Apply_WritesTheDimLevelRegister()
    {
        _output.Apply(65);

        Assert.Equal(65, _driver.Level);
        Assert.Equal("led5.dimLevel", _output.Name);
    }

    [Fact]
    public void Apply_WhileTheLastWriteIsStillOnTheBus_RefusedSoTheLevelIsSentAgainNotDropped()
    {
        _client.SetDead(5);
        _output.Apply(100); // waits for an answer that will not come before the clock moves

        var ex = Assert.Throws<IOException>(() => _output.Apply(30));
        Assert.Contains("still on the bus", ex.Message, StringComparison.Ordinal);

        _client.SetDead(5, false);
        Advance(TimeSpan.FromSeconds(1)); // the first write times out
        Assert.Throws<IOException>(() => _output.Apply(30)); // reports it, and sends 30
        Assert.Equal(30, _driver.Level);
    }

    [Fact]
    public async Task Apply_DriverSilent_NeverBlocks_TheFailureSurfacesOnTheNextApply_ThenTheOpenBreakerFailsAtOnce()
    {
        _client.SetDead(5);

        _output.Apply(40); // goes out on the bus; the answer never comes
        Advance(TimeSpan.FromSeconds(1));
        var first = Assert.Throws<IOException>(() => _output.Apply(40));
        Assert.Contains("led5", first.Message, StringComparison.Ordinal);

        Advance(TimeSpan.FromSeconds(1)); // the retry that Apply sent times out too: the breaker opens
        Assert.Throws<IOException>(() => _output.Apply(40));
        int sent = _client.RequestCount(5);
        Assert.Throws<IOException>(() => _output.Apply(40));
        Assert.Equal(sent, _client.RequestCount(5));

        // Back: after the break the bus loop's next poll is the trial that closes the breaker; writes go out again.
        _client.SetDead(5, false);
        Advance(TimeSpan.FromSeconds(31));
        await _poller.PollOnceAsync(_time.GetUtcNow());
        Assert.Throws<IOException>(() => _output.Apply(40)); // the refusal from while it was open, reported once
        _output.Apply(40);
        Assert.Equal(40, _driver.Level);
    }

    private void Advance(TimeSpan by)
    {
        using (NoSyncContext.Enter())
        {
            _time.Advance(by);
        }
    }
}
