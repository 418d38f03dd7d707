using System.Device.Gpio;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Gpio;
using EdgeGateway.Drivers.Devices.Hmc5883l;
using EdgeGateway.Drivers.Devices.Sht3x;
using EdgeGateway.Drivers.Simulation.Gpio;

namespace EdgeGateway.Drivers.Tests.Devices;

[Trait("Category", "Unit")]
public sealed class FieldDriverTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MagnetometerPoll_FieldThenNack_GoodMicroTeslaThenBadCarryingLastValue()
    {
        var chip = new SimulatedHmc5883l();
        var sensor = new MagnetometerSensor("mag1", chip, TimeSpan.FromSeconds(1));
        chip.SetField(18.08, -9.06, -42.81);
        var readings = new List<Reading>();

        sensor.Poll(T0, readings);
        chip.Faulted = true;
        sensor.Poll(T0.AddSeconds(1), readings);

        Assert.Equal(["mag1.x", "mag1.y", "mag1.z"], readings.Take(3).Select(r => r.Point));
        Assert.All(readings.Take(3), r => Assert.Equal(Quality.Good, r.Quality));
        Assert.Equal(18.08, readings[0].Value, 0.13); // one count at 820 LSb/Gauss is 0.12 µT
        Assert.Equal(-42.81, readings[2].Value, 0.13);
        Assert.All(readings.Skip(3), r => Assert.Equal(Quality.Bad, r.Quality));
        Assert.Equal(readings[0].Value, readings[3].Value);
        Assert.False(sensor.Health.Ok);
    }

    [Fact]
    public void ClimatePoll_ClimateSet_TemperatureAndHumidityThroughBinding()
    {
        var chip = new SimulatedSht3x();
        chip.SetClimate(41.5, 30);
        var sensor = new ClimateSensor("climate1", chip, TimeSpan.FromSeconds(10));
        var readings = new List<Reading>();

        sensor.Poll(T0, readings);

        Assert.Equal(41.5, readings.Single(r => r.Point == "climate1.temperature").Value, 1);
        Assert.Equal(30, readings.Single(r => r.Point == "climate1.humidity").Value, 1);
    }

    [Fact]
    public void DoorContact_PinDrivenHighWithPullUp_IsOpenAndEdgeRaised()
    {
        var chip = new SimulatedGpioDriver();
        using var gpio = new GpioController(chip);
        using var door = new DoorContact(gpio, 17, PinValue.High, pullUp: true);
        var edges = new List<bool>();
        door.Changed += edges.Add;
        chip.SetInput(17, PinValue.Low);
        Assert.False(door.IsOpen);

        chip.SetInput(17, PinValue.High);

        Assert.True(door.IsOpen);
        Assert.Equal([false, true], edges);
    }
}
