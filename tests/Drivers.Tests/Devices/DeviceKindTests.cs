using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Devices;
using EdgeGateway.Drivers.Polling;

namespace EdgeGateway.Drivers.Tests.Devices;

[Trait("Category", "Unit")]
public sealed class DeviceKindTests
{
    public static TheoryData<string> Kinds => [.. I2cDeviceKinds.All.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Descriptor_OpenedOnItsOwnSimulation_DriverPublishesTheDeclaredPointsGood(string name)
    {
        var kind = I2cDeviceKinds.Find(name)!;
        int address = kind.Addresses.Count > 0 ? kind.Addresses[0] : 0x40;
        var chip = kind.Simulate(1, address);

        var device = kind.Open("dev1", chip, TimeSpan.FromSeconds(1));

        Assert.Equal("dev1", device.Id);
        if (kind.Polled)
        {
            var polled = Assert.IsAssignableFrom<IPolledDevice>(device);
            Assert.Equal(kind.PointsOf("dev1"), polled.Points);
            var readings = new List<Reading>();
            polled.Poll(DateTimeOffset.UnixEpoch, readings);
            Assert.Equal(kind.PointsOf("dev1").Select(p => p.Point), readings.Select(r => r.Point));
            Assert.All(readings, r => Assert.Equal(Quality.Good, r.Quality));
        }
        else
        {
            Assert.Null(Assert.IsAssignableFrom<IActuator>(device).Probe());
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Descriptor_RoleQuantities_MatchTheRolePointNames(string name)
    {
        var kind = I2cDeviceKinds.Find(name)!;
        var points = kind.PointsOf("d").Select(p => p.Point).ToList();
        switch (kind.Role)
        {
            case DeviceRole.LightSensor:
                Assert.Contains(RolePoints.Lux("d"), points);
                break;
            case DeviceRole.Magnetometer:
                var (x, y, z) = RolePoints.Field("d");
                Assert.Equal([x, y, z], points);
                break;
            case DeviceRole.ClimateSensor:
                Assert.Contains(RolePoints.Temperature("d"), points);
                break;
            case DeviceRole.PwmController:
                Assert.Empty(points);
                break;
        }
    }

    [Fact]
    public void Registry_NamesAreUnique()
    {
        Assert.Equal(I2cDeviceKinds.All.Count, I2cDeviceKinds.Names.Count);
    }

    [Fact]
    public void AddressError_AddressThePartCannotTake_NamesTheAddressesItCan()
    {
        var kind = I2cDeviceKinds.Find("hmc5883l")!;

        Assert.Null(kind.AddressError(0x1E));
        Assert.Equal("a hmc5883l answers only at 0x1E (was 0x1F)", kind.AddressError(0x1F));
    }
}
