using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Devices.Max44009;

namespace EdgeGateway.Drivers.Tests.Devices;

[Trait("Category", "Unit")]
public sealed class Max44009Tests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(3.5)]
    [InlineData(16.0)]
    [InlineData(1234.0)]
    [InlineData(50_000.0)]
    [InlineData(120_000.0)]
    public void Illuminance_ThroughRealBinding_ReturnsWorldLuxWithinOneMantissaStep(double lux)
    {
        var chip = new SimulatedMax44009 { Lux = lux };
        using var sensor = new Iot.Device.Max44009.Max44009(chip);

        double read = sensor.Illuminance;

        // The mantissa is at least 128 once the exponent is above 0, so one step is under 0.8 % of the reading;
        // below 11.5 lx the step is 0.045 lx (datasheet p. 10).
        Assert.InRange(read, lux - Math.Max(0.0226, lux * 0.004), lux + Math.Max(0.0226, lux * 0.004));
    }

    [Fact]
    public void Illuminance_BeyondTheRange_ReadsTheTopOfTheRange()
    {
        var chip = new SimulatedMax44009 { Lux = 250_000 };
        using var sensor = new Iot.Device.Max44009.Max44009(chip);

        Assert.Equal(SimulatedMax44009.MaxLux, sensor.Illuminance, 1);
    }

    [Fact]
    public void Constructor_ContinuousMode_WritesTheConfigurationRegister()
    {
        var chip = new SimulatedMax44009();
        using var sensor = new Iot.Device.Max44009.Max44009(chip, Iot.Device.Max44009.IntegrationTime.Time100);

        Assert.Equal(0b1100_0000 | (byte)Iot.Device.Max44009.IntegrationTime.Time100, chip.Configuration);
    }

    [Fact]
    public void Poll_SensorStopsAnswering_BadReadingCarriesLastGoodLux()
    {
        var chip = new SimulatedMax44009 { Lux = 42 };
        var sensor = new Max44009Sensor("lux2", chip, TimeSpan.FromSeconds(1));
        var readings = new List<Reading>();

        sensor.Poll(DateTimeOffset.UnixEpoch, readings);
        chip.Faulted = true;
        sensor.Poll(DateTimeOffset.UnixEpoch.AddSeconds(1), readings);

        Assert.Equal(["lux2.lux", "lux2.lux"], readings.Select(r => r.Point));
        Assert.Equal(Quality.Good, readings[0].Quality);
        Assert.Equal(Quality.Bad, readings[1].Quality);
        Assert.Equal(readings[0].Value, readings[1].Value);
        Assert.InRange(readings[0].Value, 41.8, 42.2);
        Assert.False(sensor.Health.Ok);
    }
}
