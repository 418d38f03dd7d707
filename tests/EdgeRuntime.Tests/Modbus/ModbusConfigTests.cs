using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Recording;

namespace EdgeGateway.Runtime.Tests.Modbus;

public sealed class ModbusConfigTests
{
    private static GatewayOptions Options(Action<GatewayOptions>? tweak = null)
    {
        var o = new GatewayOptions { GatewayId = "gw" };
        o.ModbusBuses.Add(new ModbusBusOptions
        {
            Id = "rs485-1",
            Kind = "rtu",
            SerialPort = "/dev/ttyAMA0",
            Devices =
            [
                new ModbusDeviceOptions { Id = "meter1", Profile = "eastron-sdm120", UnitId = 1 },
                new ModbusDeviceOptions { Id = "led1", Profile = "generic-led-driver", UnitId = 2 },
            ],
        });
        tweak?.Invoke(o);
        return o;
    }

    [Fact]
    public void Errors_GoodBus_None() => Assert.Empty(ModbusOptionsValidator.Errors(Options()));

    [Theory]
    [InlineData("kind", "EdgeGateway:ModbusBuses:0:Kind")]
    [InlineData("port", "EdgeGateway:ModbusBuses:0:SerialPort")]
    [InlineData("parity", "EdgeGateway:ModbusBuses:0:Parity")]
    [InlineData("unit", "EdgeGateway:ModbusBuses:0:Devices:1:UnitId")]
    [InlineData("id", "EdgeGateway:ModbusBuses:0:Devices:1:Id")]
    [InlineData("host", "EdgeGateway:ModbusBuses:0:Host")]
    [InlineData("timeout", "EdgeGateway:ModbusBuses:0:RequestTimeout")]
    public void Errors_BadValue_NamesTheKey(string what, string key)
    {
        var o = Options(o =>
        {
            var bus = o.ModbusBuses[0];
            switch (what)
            {
                case "kind": bus.Kind = "rs232"; break;
                case "port": bus.SerialPort = ""; break;
                case "parity": bus.Parity = "Mark"; break;
                case "unit": bus.Devices[1].UnitId = 1; break;
                case "id": bus.Devices[1].Id = "meter1"; break;
                case "host": bus.Kind = "tcp"; break;
                case "timeout": bus.RequestTimeout = TimeSpan.Zero; break;
            }
        });
        var error = Assert.Single(ModbusOptionsValidator.Errors(o));
        Assert.StartsWith(key, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownProfile_NamesTheKeyAndListsTheKnownOnes()
    {
        var o = Options(o => o.ModbusBuses[0].Devices[0].Profile = "eastron-sdm999");
        var ex = Assert.Throws<GatewayConfigException>(() => ModbusProfiles.Load(o));
        var error = Assert.Single(ex.Errors);
        Assert.StartsWith("EdgeGateway:ModbusBuses:0:Devices:0:Profile 'eastron-sdm999'", error, StringComparison.Ordinal);
        Assert.Contains("eastron-sdm120", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LampOutputOnAMeter_RefusedBecauseAMeterCannotDim()
    {
        var o = Options(o => o.LampGroups.Add(new LampGroupOptions { Id = "street-2", Outputs = [new LampOutputOptions { Kind = "modbus", Device = "meter1" }] }));
        var ex = Assert.Throws<GatewayConfigException>(() => ModbusProfiles.Load(o));
        Assert.Equal("EdgeGateway:LampGroups:0:Outputs:0:Device 'meter1' (eastron-sdm120) has no writable 'dimLevel'", Assert.Single(ex.Errors));
    }

    [Fact]
    public void Load_BinOnADeviceWithoutDistance_Refused()
    {
        var o = Options(o => o.Bins.Add(new WasteBinOptions { Id = "bin-02", DistanceSource = "led1" }));
        var ex = Assert.Throws<GatewayConfigException>(() => ModbusProfiles.Load(o));
        Assert.Contains("EdgeGateway:Bins:0:DistanceSource 'led1'", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InstallerFolder_AddsAModelWithoutCode()
    {
        string folder = Directory.CreateTempSubdirectory("profiles-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "acme-m1.json"), """
                { "model": "acme-m1", "manufacturer": "ACME", "maxRegistersPerRequest": 10,
                  "points": [ { "name": "voltage", "table": "input", "address": 0, "type": "f32", "unit": "V", "kind": "voltage" } ] }
                """);
            var o = Options(o =>
            {
                o.ModbusProfiles = folder;
                o.ModbusBuses[0].Devices[0].Profile = "acme-m1";
            });
            var profiles = ModbusProfiles.Load(o);
            Assert.Equal("voltage", Assert.Single(profiles["acme-m1"].Points).Name);
            Assert.True(profiles.ContainsKey("eastron-sdm630"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Load_InstallerFolderMissing_NamesTheKey()
    {
        var o = Options(o => o.ModbusProfiles = "/nonexistent/profiles");
        var ex = Assert.Throws<GatewayConfigException>(() => ModbusProfiles.Load(o));
        Assert.StartsWith("EdgeGateway:ModbusProfiles", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealMaster_SerialPortMissing_StartsAnyway_PointsBadNeverZero_HealthSaysWhy()
    {
        var o = Options(o => o.ModbusBuses[0].SerialPort = "/dev/ttyEDGE-NOT-THERE");
        var points = new PointTable();
        using var buses = new ModbusBuses(o, ModbusProfiles.Load(o), new ModbusMasterFactory(TimeProvider.System), new SampleHub(new ReadingSink(points, NullRecorder.Instance)), TimeProvider.System);
        var (poller, _) = buses.Find("meter1")!.Value;

        int published = await poller.PollOnceAsync(DateTimeOffset.UtcNow);

        Assert.True(published > 0);
        var voltage = points.Get("meter1.voltage")!.Value;
        Assert.Equal(Quality.Bad, voltage.Quality);
        Assert.True(double.IsNaN(voltage.Value), "a point never read must not read 0");
        var health = buses.Health().Single(s => s.Id == "meter1").Report;
        Assert.False(health.Ok);
        Assert.True(health.TransportErrors >= 1);
        Assert.Contains("/dev/ttyEDGE-NOT-THERE", health.LastError, StringComparison.Ordinal);
    }
}
