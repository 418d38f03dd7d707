using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Cli;

namespace EdgeGateway.Runtime.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class ProvisionVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("provision-").FullName;

    private string ConfigPath => Path.Combine(_folder, "config.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ProvisionVerb.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Run_NewGateway_WritesIdentitySiteBrokerWithMode0600()
    {
        var (exit, _, err) = Run("--config", ConfigPath, "--gateway-id", "tm-cab-0042", "--site", "Timișoara", "--lat", "45.75", "--lon", "21.22",
            "--tz", "Europe/Bucharest", "--broker", "mqtt.city.example:8883", "--tls", "--username", "cab42", "--password", "s3cret");

        Assert.Equal(0, exit);
        Assert.Equal("", err);
        var json = JsonNode.Parse(File.ReadAllText(ConfigPath))!["EdgeGateway"]!;
        Assert.Equal("tm-cab-0042", json["GatewayId"]!.GetValue<string>());
        Assert.Equal("Timișoara", json["Site"]!["Name"]!.GetValue<string>());
        Assert.Equal(45.75, json["Site"]!["Latitude"]!.GetValue<double>());
        Assert.Equal("mqtt.city.example", json["Mqtt"]!["Host"]!.GetValue<string>());
        Assert.Equal(8883, json["Mqtt"]!["Port"]!.GetValue<int>());
        Assert.True(json["Mqtt"]!["Tls"]!.GetValue<bool>());
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(ConfigPath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public void Run_ExistingConfig_KeepsEverythingElse()
    {
        File.WriteAllText(ConfigPath, """{"Logging":{"LogLevel":{"Default":"Warning"}},"EdgeGateway":{"GatewayId":"old","HealthInterval":"00:02:00"}}""");

        var (exit, _, _) = Run("--config", ConfigPath, "--gateway-id", "new-id", "--password-file", WriteSecret("from-file\n"));

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(File.ReadAllText(ConfigPath))!;
        Assert.Equal("Warning", json["Logging"]!["LogLevel"]!["Default"]!.GetValue<string>());
        Assert.Equal("00:02:00", json["EdgeGateway"]!["HealthInterval"]!.GetValue<string>());
        Assert.Equal("new-id", json["EdgeGateway"]!["GatewayId"]!.GetValue<string>());
        Assert.Equal("from-file", json["EdgeGateway"]!["Mqtt"]!["Password"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("--gateway-id", "bad/id", "EdgeGateway:GatewayId")]
    [InlineData("--tz", "Nowhere/City", "EdgeGateway:Site:TimeZone")]
    [InlineData("--lat", "north", "--lat")]
    [InlineData("--broker", "host:notaport", "--broker")]
    public void Run_BadValue_Exit2NamingItAndFileUntouched(string arg, string value, string named)
    {
        const string before = """{"EdgeGateway":{"GatewayId":"keep-me"}}""";
        File.WriteAllText(ConfigPath, before);
        var args = arg == "--gateway-id" ? new[] { "--config", ConfigPath, arg, value } : ["--config", ConfigPath, "--gateway-id", "cab-1", arg, value];

        var (exit, _, err) = Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(named, err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(ConfigPath));
    }

    [Fact]
    public void Run_MissingGatewayId_Exit2()
    {
        Assert.Equal(2, Run("--config", ConfigPath).Exit);
        Assert.False(File.Exists(ConfigPath));
    }

    private string WriteSecret(string text)
    {
        string path = Path.Combine(_folder, "secret");
        File.WriteAllText(path, text);
        return path;
    }
}
