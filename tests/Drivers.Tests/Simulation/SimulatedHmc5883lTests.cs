using EdgeGateway.Drivers.Devices.Hmc5883l;
using Iot.Device.Hmc5883l;

namespace EdgeGateway.Drivers.Tests.Simulation;

[Trait("Category", "Unit")]
public sealed class SimulatedHmc5883lTests
{
    [Theory]
    [InlineData(Gain.Gain1090, 1090)]
    [InlineData(Gain.Gain0820, 820)]
    [InlineData(Gain.Gain0230, 230)]
    public void DirectionVector_FieldSetInMicroTesla_RealBindingReadsCountsForGain(Gain gain, double lsbPerGauss)
    {
        var device = new SimulatedHmc5883l();
        device.SetField(18.0, -8.0, -43.0);
        using var sensor = new Iot.Device.Hmc5883l.Hmc5883l(device, gain);

        var raw = sensor.DirectionVector;

        Assert.Equal(Math.Round(18.0 / 100 * lsbPerGauss), raw.X);
        Assert.Equal(Math.Round(-8.0 / 100 * lsbPerGauss), raw.Y);
        Assert.Equal(Math.Round(-43.0 / 100 * lsbPerGauss), raw.Z);
    }

    [Fact]
    public void DirectionVector_FieldChanges_NextReadFollows()
    {
        var device = new SimulatedHmc5883l();
        using var sensor = new Iot.Device.Hmc5883l.Hmc5883l(device, Gain.Gain0820);
        device.SetField(10, 0, 0);
        Assert.Equal(82, sensor.DirectionVector.X);

        device.SetField(-20, 5, 60);

        var raw = sensor.DirectionVector;
        Assert.Equal((-164f, 41f, 492f), (raw.X, raw.Y, raw.Z));
    }

    [Fact]
    public void Read_OutOfRangeField_AxisReadsMinus4096()
    {
        var device = new SimulatedHmc5883l();
        device.SetField(500, 0, 0); // 5 Ga: beyond ±1.3 Ga at gain 1090 (datasheet p.15)
        using var sensor = new Iot.Device.Hmc5883l.Hmc5883l(device, Gain.Gain1090);

        Assert.Equal(-4096, sensor.DirectionVector.X);
    }

    [Fact]
    public void Constructor_PowerOnDefaults_IdentificationAndBindingConfiguration()
    {
        var device = new SimulatedHmc5883l();
        Span<byte> id = stackalloc byte[3];
        device.WriteRead([(byte)Register.IdentA], id);
        Assert.Equal("H43", System.Text.Encoding.ASCII.GetString(id));
        Assert.Equal(0x20, device.Peek(Register.ConfigB));
        int before = device.Writes;

        using var sensor = new Iot.Device.Hmc5883l.Hmc5883l(device, Gain.Gain0820, MeasuringMode.Continuous, OutputRate.Rate15);

        Assert.Equal(0x40, device.Peek(Register.ConfigB)); // gain code 2 << 5
        Assert.Equal(0x00, device.Peek(Register.Mode)); // continuous
        Assert.Equal(3, device.Writes - before); // CRA, CRB, Mode
        Assert.Throws<IOException>(() => device.WriteByte(0x20));
    }
}
