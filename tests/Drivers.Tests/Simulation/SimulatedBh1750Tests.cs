using EdgeGateway.Drivers.Devices.Bh1750;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Simulation;
using Iot.Device.Bh1750fvi;

namespace EdgeGateway.Drivers.Tests.Simulation;

[Trait("Category", "Unit")]
public sealed class SimulatedBh1750Tests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(3.5)]
    [InlineData(16.0)]
    [InlineData(1234.0)]
    [InlineData(50_000.0)]
    public void Illuminance_ThroughRealBinding_ReturnsWorldLuxWithinOneCount(double lux)
    {
        var chip = new SimulatedBh1750 { Lux = lux };
        using var sensor = new Bh1750fvi(chip);

        double read = sensor.Illuminance.Lux;

        // One count is 1/1.2 lx in H-resolution mode (datasheet p. 11), and the binding rounds to 0.1 lx.
        Assert.InRange(read, lux - 0.9, lux + 0.9);
    }

    [Fact]
    public void Illuminance_BrightSun_SaturatesAt65535Counts()
    {
        var chip = new SimulatedBh1750 { Lux = 120_000 };
        using var sensor = new Bh1750fvi(chip);

        Assert.Equal(Math.Round(65535 / 1.2, 1), sensor.Illuminance.Lux, 1);
    }

    [Fact]
    public void Read_Faulted_ThrowsIOExceptionLikeANack()
    {
        var chip = new SimulatedBh1750 { Faulted = true };

        Assert.Throws<IOException>(() => new Bh1750fvi(chip));
    }

    [Fact]
    public void Poll_SensorStopsAnswering_GivesBadReadingCarryingLastGoodValue()
    {
        var chip = new SimulatedBh1750 { Lux = 240 };
        var sensor = new LightSensor("lux1", chip, TimeSpan.FromSeconds(1));
        var readings = new List<Reading>();
        var t0 = new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero);

        sensor.Poll(t0, readings);
        chip.Faulted = true;
        sensor.Poll(t0.AddSeconds(1), readings);

        Assert.Equal(Quality.Good, readings[0].Quality);
        Assert.Equal(Quality.Bad, readings[1].Quality);
        Assert.Equal(readings[0].Value, readings[1].Value);
        Assert.NotEqual(0, readings[1].Value);
        Assert.False(sensor.Health.Ok);
        Assert.Equal(1, sensor.Health.ConsecutiveFailures);
    }

    [Fact]
    public void Poll_SensorComesBack_RecoversWithoutRestart()
    {
        var chip = new SimulatedBh1750 { Lux = 10, Faulted = true };
        var sensor = new LightSensor("lux1", chip, TimeSpan.FromSeconds(1));
        var readings = new List<Reading>();
        var t0 = DateTimeOffset.UnixEpoch;

        sensor.Poll(t0, readings);
        chip.Faulted = false;
        sensor.Poll(t0.AddSeconds(1), readings);

        Assert.True(double.IsNaN(readings[0].Value));
        Assert.Equal(Quality.Good, readings[1].Quality);
        Assert.InRange(readings[1].Value, 9.1, 10.9);
        Assert.True(sensor.Health.Ok);
    }

    [Fact]
    public void Open_VirtualCabinetUnknownAddress_ThrowsIOException()
    {
        var cabinet = new VirtualCabinet(45.75, 21.21);

        Assert.Throws<IOException>(() => cabinet.Open(1, 0x23));
    }
}
