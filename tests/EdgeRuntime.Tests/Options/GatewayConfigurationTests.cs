using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Configuration;

namespace EdgeGateway.Runtime.Tests.Options;

[Trait("Category", "Unit")]
public sealed class GatewayConfigurationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["EdgeGateway:GatewayId"] = "cab-01",
        ["EdgeGateway:Storage:Path"] = "/tmp/x.db",
        ["EdgeGateway:I2cBuses:0:BusId"] = "1",
        ["EdgeGateway:I2cBuses:0:Devices:0:Id"] = "lux1",
        ["EdgeGateway:I2cBuses:0:Devices:0:Kind"] = "bh1750",
        ["EdgeGateway:I2cBuses:0:Devices:0:Address"] = "35",
        ["EdgeGateway:I2cBuses:0:Devices:1:Id"] = "pwm1",
        ["EdgeGateway:I2cBuses:0:Devices:1:Kind"] = "pca9685",
        ["EdgeGateway:I2cBuses:0:Devices:1:Address"] = "64",
        ["EdgeGateway:LampGroups:0:Id"] = "street-1",
        ["EdgeGateway:LampGroups:0:LightSensor"] = "lux1",
        ["EdgeGateway:LampGroups:0:Outputs:0:Device"] = "pwm1",
        ["EdgeGateway:LampGroups:0:Outputs:0:Channel"] = "0",
    };

    private static GatewayConfigException LoadFails(params (string Key, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>(Valid);
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return Assert.Throws<GatewayConfigException>(() => GatewayConfiguration.Load(config, new GatewayLaunch()));
    }

    [Fact]
    public void Load_ValidSettings_BindsEverything()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(Valid).Build();

        var options = GatewayConfiguration.Load(config, new GatewayLaunch());

        Assert.Equal("cab-01", options.GatewayId);
        Assert.Equal(35, options.I2cBuses[0].Devices[0].Address);
        Assert.Equal("pwm1", options.LampGroups[0].Outputs[0].Device);
        Assert.False(options.Mqtt.Configured);
    }

    [Theory]
    [InlineData("EdgeGateway:Mqtt:Port", "0", "EdgeGateway:Mqtt:Port")]
    [InlineData("EdgeGateway:GatewayId", "cab/01", "EdgeGateway:GatewayId")]
    [InlineData("EdgeGateway:Site:TimeZone", "Mars/Olympus", "EdgeGateway:Site:TimeZone")]
    [InlineData("EdgeGateway:Site:Latitude", "95", "EdgeGateway:Site:Latitude")]
    [InlineData("EdgeGateway:I2cBuses:0:Devices:0:Kind", "bh1751", "EdgeGateway:I2cBuses:0:Devices:0:Kind")]
    [InlineData("EdgeGateway:I2cBuses:0:Devices:1:Address", "200", "EdgeGateway:I2cBuses:0:Devices:1:Address")]
    [InlineData("EdgeGateway:LampGroups:0:Control:OffLevelLux", "10", "EdgeGateway:LampGroups:0:Control:offLevelLux")]
    [InlineData("EdgeGateway:LampGroups:0:Control:Program:0:Steps:0:From", "25:00", "EdgeGateway:LampGroups:0:Control:program[0].steps[0].from")]
    [InlineData("EdgeGateway:LampGroups:0:Outputs:0:Kind", "dali", "EdgeGateway:LampGroups:0:Outputs:0:Kind")]
    [InlineData("EdgeGateway:LampGroups:0:Outputs:0:Channel", "16", "EdgeGateway:LampGroups:0:Outputs:0:Channel")]
    [InlineData("EdgeGateway:LampGroups:0:LightSensor", "pwm1", "EdgeGateway:LampGroups:0:LightSensor")]
    public void Load_BadValue_ErrorNamesTheKey(string key, string value, string named)
    {
        var ex = LoadFails((key, value));

        Assert.Contains(ex.Errors, e => e.Contains(named, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("70", "EdgeGateway:LampGroups:0:Outputs:1:Pin must be a GPIO line")]
    [InlineData("17", "EdgeGateway:LampGroups:0:Outputs:1:Pin 17 is the cabinet's door contact")]
    public void Load_RelayOnABadPin_ErrorNamesThePin(string pin, string expected)
    {
        var ex = LoadFails(("EdgeGateway:LampGroups:0:Outputs:1:Kind", "relay"), ("EdgeGateway:LampGroups:0:Outputs:1:Pin", pin), ("EdgeGateway:Cabinet:DoorPin", "17"));

        Assert.Contains(ex.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ValueOfWrongType_ErrorNamesTheKey()
    {
        var ex = LoadFails(("EdgeGateway:Mqtt:Port", "eighteen-eighty-three"));

        Assert.Contains("EdgeGateway:Mqtt:Port", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspeltKey_IsAnErrorNotADefault()
    {
        var ex = LoadFails(("EdgeGateway:LampGroups:0:Control:OnLevelLuxx", "30"));

        Assert.Contains("OnLevelLuxx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Simulate_UsesEmbeddedBrokerAndTempStorage()
    {
        var settings = new Dictionary<string, string?>(Valid) { ["EdgeGateway:Storage:Path"] = null };
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var options = GatewayConfiguration.Load(config, new GatewayLaunch { Simulate = true });

        Assert.True(options.Simulation.EmbeddedBroker);
        Assert.Equal("127.0.0.1", options.Mqtt.Host);
        Assert.StartsWith(Path.GetTempPath(), options.Storage.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSources_MissingConfigFile_FailsNamingThePath()
    {
        var ex = Assert.Throws<GatewayConfigException>(() =>
            GatewayConfiguration.AddSources(new ConfigurationBuilder(), new GatewayLaunch { ConfigPath = "/nonexistent/edge.json" }));

        Assert.Contains("/nonexistent/edge.json", ex.Message, StringComparison.Ordinal);
    }
}
