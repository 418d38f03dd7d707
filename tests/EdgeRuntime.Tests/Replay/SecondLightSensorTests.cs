using System.Globalization;
using System.Text.Json;
using EdgeGateway.Runtime.Cli;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Tests.Replay;

/// <summary>The MAX44009 (a second light sensor kind, added as its folder and one registration line) works wherever
/// the BH1750 does: validation, the virtual cabinet, <c>check</c>, and the photocell loop through the replay.</summary>
[Trait("Category", "Integration")]
public sealed class SecondLightSensorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("max44009-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Replay_TwoNightsThroughMax44009_SameSwitchingAsThroughBh1750()
    {
        string trace = Path.Combine(_folder, "light.csv");
        using (var gz = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Lighting", "Data", "light-timisoara-20261005.csv.gz")), System.IO.Compression.CompressionMode.Decompress))
        using (var csv = File.Create(trace))
        {
            await gz.CopyToAsync(csv);
        }

        var bh1750 = await Switching(trace, "bh1750", 0x23);
        var max44009 = await Switching(trace, "max44009", 0x4A);

        Assert.True(bh1750.Count >= 4, $"two nights give at least two ons and two offs (got {bh1750.Count})");
        Assert.Equal(bh1750.Select(e => e.Type), max44009.Select(e => e.Type));

        // At 16 lx the BH1750 counts in 0.83 lx steps, the MAX44009 in 0.09 lx: on the noisy dusk the two see the level
        // held at moments up to a few trace rows apart, within the minute the photocell replay test allows beyond its delay.
        Assert.All(bh1750.Zip(max44009), p => Assert.InRange(Math.Abs((p.First.Ts - p.Second.Ts).TotalSeconds), 0, 60));
    }

    [Fact]
    public async Task Check_VirtualCabinet_Max44009AnswersWithTheSkysLux()
    {
        var options = Options("max44009", 0x4A);
        options.Simulation.Enabled = true;

        var results = await CheckVerb.CheckAllAsync(options, new TrustedClock());

        var lux = Assert.Single(results, r => r.Name == "lux1");
        Assert.True(lux.Ok, lux.Detail);
        Assert.StartsWith("lux1.lux=", lux.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Max44009AtAnAddressItCannotTake_NamesTheKeyAndTheAddresses()
    {
        var errors = GatewayOptionsValidator.Errors(Options("max44009", 0x23)).ToList();

        Assert.Contains("EdgeGateway:I2cBuses:0:Devices:0:Address: a max44009 answers only at 0x4A or 0x4B (was 0x23)", errors);
        Assert.Empty(GatewayOptionsValidator.Errors(Options("max44009", 0x4A)));
    }

    private static GatewayOptions Options(string kind, int address) => new()
    {
        GatewayId = "cab-01",
        I2cBuses = [new I2cBusOptions { BusId = 1, Devices = [new() { Id = "lux1", Kind = kind, Address = address }, new() { Id = "pwm1", Kind = "pca9685", Address = 0x40 }] }],
        LampGroups =
        [
            new Runtime.Options.LampGroupOptions
            {
                Id = "street-1",
                LightSensor = "lux1",
                Outputs = [new() { Kind = "pwm", Device = "pwm1", Channel = 0 }],
                Control = new() { Mode = LightingMode.Photocell, OnLevelLux = 16, OffLevelLux = 50, OnDelayS = 60, OffDelayS = 90 },
            },
        ],
    };

    private async Task<List<(string Type, DateTimeOffset Ts)>> Switching(string trace, string kind, int address)
    {
        string config = Path.Combine(_folder, kind + ".json");
        File.WriteAllText(config, $$$"""
            {"EdgeGateway":{"GatewayId":"replay-light","Site":{"Latitude":45.7489,"Longitude":21.2087,"TimeZone":"Europe/Bucharest"},
             "I2cBuses":[{"BusId":1,"Devices":[{"Id":"lux1","Kind":"{{{kind}}}","Address":{{{address}}}},{"Id":"pwm1","Kind":"pca9685","Address":64}]}],
             "LampGroups":[{"Id":"street-1","LightSensor":"lux1","Outputs":[{"Kind":"pwm","Device":"pwm1","Channel":0}],
               "Control":{"Mode":"Photocell","OnLevelLux":16,"OffLevelLux":50,"OnDelayS":60,"OffDelayS":90}}]}}
            """);
        string outFile = Path.Combine(_folder, kind + ".jsonl");
        var stderr = new StringWriter();

        int rc = await CommandLine.RunAsync(["replay", "--config", config, "--trace", "lux1=" + trace, "--out", outFile], new StringWriter(), stderr);

        Assert.True(rc == 0, stderr.ToString());
        return [.. File.ReadLines(outFile).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("source").GetString() == "street-1" && e.GetProperty("type").GetString() is "light.on" or "light.off")
            .Select(e => (e.GetProperty("type").GetString()!, DateTimeOffset.Parse(e.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture)))];
    }
}
