using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Drivers.Tests.Modbus;

[Trait("Category", "Unit")]
public sealed class SimulatedModbusTests
{
    [Fact]
    public async Task ReadInputRegistersAsync_UnknownUnit_TimesOutOnTheGivenClock()
    {
        var time = new FakeTimeProvider();
        using var client = new SimulatedModbusClient(time, TimeSpan.FromMilliseconds(500));

        var read = client.ReadInputRegistersAsync(9, 0, 2);
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<ModbusTimeoutException>(() => read);
        Assert.Equal(1, client.RequestCount(9));
    }

    [Fact]
    public async Task Faults_ExceptionAndCorrupt_ThrowTypedErrors()
    {
        using var client = new SimulatedModbusClient(new FakeTimeProvider());
        var bank = new ModbusRegisterBank();
        bank.SetInput(0, 1, 2);
        client.Add(1, bank);

        Assert.Equal(new ushort[] { 1, 2 }, await client.ReadInputRegistersAsync(1, 0, 2));
        client.SetException(1, ModbusExceptionCode.IllegalFunction);
        var slave = await Assert.ThrowsAsync<ModbusSlaveException>(() => client.ReadInputRegistersAsync(1, 0, 2));
        Assert.Equal(ModbusExceptionCode.IllegalFunction, slave.Code);
        client.SetException(1, null);
        client.SetCorrupt(1);
        var frame = await Assert.ThrowsAsync<ModbusFrameException>(() => client.ReadInputRegistersAsync(1, 0, 2));
        Assert.Equal(ModbusFrameError.Crc, frame.Error);
    }

    [Fact]
    public void ProfiledSlave_SetPower_WritesEastronFloatRegisters()
    {
        var slave = new ProfiledSlave(PollFixture.Profiles["eastron-sdm120"]);

        slave.Set("voltage", 230.0);
        slave.Set("power", 230.5);

        Assert.Equal(new ushort[] { 0x4366, 0x0000 }, slave.Bank.ReadInput(1, 0x0000, 2));
        Assert.Equal(new ushort[] { 0x4366, 0x8000 }, slave.Bank.ReadInput(1, 0x000C, 2));
        Assert.Equal(230.5, slave.Get("power"));
        Assert.Throws<ArgumentException>(() => slave.Set("nope", 1));
    }

    [Fact]
    public void SimulatedEnergyMeter_Update_IntegratesEnergyFromLoad()
    {
        var time = new FakeTimeProvider();
        double load = 2000;
        var meter = new SimulatedEnergyMeter(PollFixture.Profiles["eastron-sdm630"], () => load);

        meter.Update(time.GetUtcNow());
        time.Advance(TimeSpan.FromHours(1.5));
        meter.Update(time.GetUtcNow());

        Assert.Equal(3, meter.Phases);
        Assert.Equal(3.0, meter.ImportedKWh, 9);
        Assert.Equal(3.0, meter.Slave.Get("energyImport"), 5);
        Assert.Equal(2000, meter.Slave.Get("power"), 3);
    }

    [Fact]
    public void SimulatedLevelSensor_NoEcho_RaisesFlagAndNoEchoCode()
    {
        double? distance = null;
        var sensor = new SimulatedLevelSensor(PollFixture.Profiles["generic-ultrasonic-level"], () => distance, 21.5);

        sensor.Update(default);
        Assert.Equal(1, sensor.Slave.Get("noEcho"));
        Assert.Equal(SimulatedLevelSensor.NoEchoCode, sensor.Slave.Get("distance"));

        distance = 1234;
        sensor.Update(default);
        Assert.Equal(0, sensor.Slave.Get("noEcho"));
        Assert.Equal(1234, sensor.Slave.Get("distance"));
        Assert.Equal(21.5, sensor.Slave.Get("temperature"), 9);
    }
}
