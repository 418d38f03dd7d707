using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Hosting;

namespace EdgeGateway.Runtime.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class ConfigurationKeysTests
{
    private static GatewayConfigException Load(string json) =>
        Assert.Throws<GatewayConfigException>(() => GatewayConfiguration.Load(JsonNode.Parse(json)!.AsObject(), new GatewayLaunch { UseDefaultSources = false }));

    [Fact]
    public void Load_MisspeltMqttKey_NamesTheKeyPathAndTheNearestKey()
    {
        var ex = Load("""{"EdgeGateway":{"GatewayId":"cab-1","Mqtt":{"Hots":"mqtt.city.example"}}}""");

        Assert.Equal(["EdgeGateway:Mqtt:Hots is not a known key (did you mean Host?)"], ex.Errors);
    }

    [Fact]
    public void Load_MisspeltKeyInsideAList_NamesItsIndexes()
    {
        var ex = Load("""{"EdgeGateway":{"GatewayId":"cab-1","I2cBuses":[{"BusId":1,"Devices":[{"Id":"lux1","Kind":"bh1750","Adress":35}]}]}}""");

        Assert.Contains("EdgeGateway:I2cBuses:0:Devices:0:Adress is not a known key (did you mean Address?)", ex.Errors);
    }

    [Fact]
    public void Load_SeveralUnknownKeys_NamesEveryOne()
    {
        var ex = Load("""{"EdgeGateway":{"GatewayId":"cab-1","Colour":"red","Site":{"Lattitude":45.7}}}""");

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains("EdgeGateway:Colour is not a known key", ex.Errors);
        Assert.Contains(ex.Errors, e => e.StartsWith("EdgeGateway:Site:Lattitude is not a known key", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TheShippedVirtualCabinet_HasNoUnknownKey()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "virtual-cabinet.json");

        var options = GatewayConfiguration.Load(JsonNode.Parse(File.ReadAllText(path))!.AsObject(), new GatewayLaunch { Simulate = true, UseDefaultSources = false });

        Assert.False(string.IsNullOrEmpty(options.GatewayId));
    }
}
