using EdgeGateway.Drivers.Devices.Sht3x;
using Iot.Device.Sht3x;

namespace EdgeGateway.Drivers.Tests.Simulation;

[Trait("Category", "Unit")]
public sealed class SimulatedSht3xTests
{
    [Theory]
    [InlineData(41.5, 30.0)]
    [InlineData(-12.3, 88.8)]
    [InlineData(63.0, 12.5)]
    public void Temperature_ClimateSet_RealBindingReadsIt(double celsius, double rh)
    {
        var device = new SimulatedSht3x();
        device.SetClimate(celsius, rh);
        using var sensor = new Iot.Device.Sht3x.Sht3x(device);

        Assert.Equal(celsius, sensor.Temperature.DegreesCelsius, 1);
        Assert.Equal(rh, sensor.Humidity.Percent, 1);
    }

    [Fact]
    public void Crc8_DatasheetExample_0xBEEF_Gives0x92()
    {
        // SHT3x-DIS datasheet Table 19: CRC of 0xBEEF is 0x92.
        Assert.Equal(0x92, SimulatedSht3x.Crc8([0xBE, 0xEF]));
    }

    [Fact]
    public void Temperature_CrcCorrupted_BindingKeepsPreviousValue()
    {
        var device = new SimulatedSht3x();
        device.SetClimate(30, 40);
        using var sensor = new Iot.Device.Sht3x.Sht3x(device);
        Assert.Equal(30, sensor.Temperature.DegreesCelsius, 1);

        device.SetClimate(70, 40);
        device.CorruptCrc = true;

        Assert.Equal(30, sensor.Temperature.DegreesCelsius, 1);
    }

    [Fact]
    public void Heater_SetThroughBinding_DeviceSeesIt()
    {
        var device = new SimulatedSht3x();
        using var sensor = new Iot.Device.Sht3x.Sht3x(device);

        sensor.Heater = true;

        Assert.True(device.HeaterOn);
        Assert.Throws<IOException>(() => device.Read(new byte[6]));
    }
}
