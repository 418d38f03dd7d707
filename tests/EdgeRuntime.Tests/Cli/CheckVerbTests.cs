using EdgeGateway.Runtime.Cli;

namespace EdgeGateway.Runtime.Tests.Cli;

[Trait("Category", "Integration")]
public sealed class CheckVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("check-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Config(int busId, string serialPort = "/dev/ttyEDGE-NOT-THERE")
    {
        string path = Path.Combine(_folder, "config.json");
        File.WriteAllText(path, $$$"""
            {"EdgeGateway":{"GatewayId":"cab-1","Storage":{"Path":"{{{_folder}}}/log.db"},
             "I2cBuses":[{"BusId":{{{busId}}},"Devices":[{"Id":"lux1","Kind":"bh1750","Address":35},{"Id":"pwm1","Kind":"pca9685","Address":64}]}],
             "ModbusBuses":[{"Id":"rs485-1","Kind":"rtu","SerialPort":"{{{serialPort}}}","RequestTimeout":"00:00:00.200",
                             "Devices":[{"Id":"meter1","Profile":"eastron-sdm120","UnitId":1}]}],
             "LampGroups":[{"Id":"street-1","LightSensor":"lux1","Outputs":[{"Kind":"pwm","Device":"pwm1","Channel":0}]}]}}
            """);
        return path;
    }

    [Fact]
    public async Task RunAsync_VirtualCabinet_EveryDeviceAnswersExit0()
    {
        var stdout = new StringWriter();

        int exit = await CheckVerb.RunAsync(["--config", Config(1), "--simulate"], stdout, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Contains("OK   lux1", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("OK   pwm1", stdout.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"OK   meter1 +meter1\.\w+=", stdout.ToString());
    }

    [Fact]
    public async Task RunAsync_BusThatDoesNotExist_ReportsEachDeviceAndExit1()
    {
        var stdout = new StringWriter();

        // No /dev/i2c-97 here: the real Linux bus factory fails to open it, exactly as on a Pi with the bus disabled.
        int exit = await CheckVerb.RunAsync(["--config", Config(97)], stdout, new StringWriter());

        Assert.Equal(1, exit);
        Assert.Contains("FAIL lux1", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("FAIL pwm1", stdout.ToString(), StringComparison.Ordinal);
        Assert.Matches("FAIL meter1 .*/dev/ttyEDGE-NOT-THERE", stdout.ToString());
    }

    [Fact]
    public async Task RunAsync_InvalidConfig_Exit2NamingTheKey()
    {
        string path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, """{"EdgeGateway":{"GatewayId":"cab 1"}}""");
        var stderr = new StringWriter();

        int exit = await CheckVerb.RunAsync(["--config", path], new StringWriter(), stderr);

        Assert.Equal(2, exit);
        Assert.Contains("EdgeGateway:GatewayId", stderr.ToString(), StringComparison.Ordinal);
    }
}

[Trait("Category", "Integration")]
public sealed class CheckVerbReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("check-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        string path = Path.Combine(_folder, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task RunAsync_EmptyConfig_IsNotAllAnswerExit1()
    {
        var stdout = new StringWriter();

        int exit = await CheckVerb.RunAsync(["--config", Write("""{"EdgeGateway":{"GatewayId":"cab-1"}}""")], stdout, new StringWriter());

        Assert.Equal(1, exit);
        Assert.Contains("FAIL devices      none configured", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("FAIL broker       none configured", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("all", stdout.ToString().Split('\n')[^2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Json_OneDocumentWithEveryCheck()
    {
        var stdout = new StringWriter();

        int exit = await CheckVerb.RunAsync(["--simulate", "--json", "--config", Path.Combine(AppContext.BaseDirectory, "virtual-cabinet.json")], stdout, new StringWriter());

        Assert.Equal(0, exit);
        var document = System.Text.Json.Nodes.JsonNode.Parse(stdout.ToString())!;
        Assert.True(document["ok"]!.GetValue<bool>());
        var checks = document["checks"]!.AsArray();
        Assert.Equal("clock", checks[0]!["name"]!.GetValue<string>());
        Assert.Contains(checks, c => c!["kind"]!.GetValue<string>() == "modbus" && c["ok"]!.GetValue<bool>());
        Assert.Contains(checks, c => c!["kind"]!.GetValue<string>() == "i2c");
    }

    [Fact]
    public async Task RunAsync_UnreachableBroker_NamesRefusedExit1()
    {
        int port = FreePort();
        var stdout = new StringWriter();
        string config = Write("""{"EdgeGateway":{"GatewayId":"cab-1","Mqtt":{"Host":"127.0.0.1","Timeout":"00:00:03","Port":""" + port + "}}}");

        int exit = await CheckVerb.RunAsync(["--config", config], stdout, new StringWriter());

        Assert.Equal(1, exit);
        Assert.Matches($"FAIL broker +127.0.0.1:{port} refused: nothing accepts connections", stdout.ToString());
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
