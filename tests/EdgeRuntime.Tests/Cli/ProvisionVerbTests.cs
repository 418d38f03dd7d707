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
    public void Run_NewGateway_WritesIdentitySiteBrokerWithMode0640()
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
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, mode);
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
    public void Run_InvalidValue_Exit5NamingTheKeyAndFileUntouched(string arg, string value, string named)
    {
        const string before = """{"EdgeGateway":{"GatewayId":"keep-me"}}""";
        File.WriteAllText(ConfigPath, before);
        var args = arg == "--gateway-id" ? new[] { "--config", ConfigPath, arg, value } : ["--config", ConfigPath, "--gateway-id", "cab-1", arg, value];

        var (exit, _, err) = Run(args);

        Assert.Equal(ProvisionVerb.Invalid, exit);
        Assert.Contains(named, err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Equal(before, File.ReadAllText(ConfigPath));
    }

    [Theory]
    [InlineData("--lat", "north", "--lat")]
    [InlineData("--broker", "host:notaport", "--broker")]
    [InlineData("--broker", "host:70000", "--broker")]
    [InlineData("--frobnicate", "x", "--frobnicate")]
    public void Run_BadArgument_Exit2OneLineNamingItAndFileUntouched(string arg, string value, string named)
    {
        const string before = """{"EdgeGateway":{"GatewayId":"keep-me"}}""";
        File.WriteAllText(ConfigPath, before);

        var (exit, _, err) = Run("--config", ConfigPath, "--gateway-id", "cab-1", arg, value);

        Assert.Equal(ProvisionVerb.UsageError, exit);
        Assert.Contains(named, err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Equal(before, File.ReadAllText(ConfigPath));
    }

    [Theory]
    [InlineData("--lat")]
    [InlineData("--lon")]
    public void Run_OneCoordinateWithoutTheOther_Exit2AndNothingWritten(string given)
    {
        var (exit, _, err) = Run("--config", ConfigPath, "--gateway-id", "cab-1", given, "45.7");

        Assert.Equal(ProvisionVerb.UsageError, exit);
        Assert.Contains("--lat and --lon go together", err, StringComparison.Ordinal);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public void Run_Help_PrintsEveryOptionExit0()
    {
        var (exit, output, err) = Run("--help");

        Assert.Equal(0, exit);
        Assert.Equal("", err);
        foreach (var option in new[] { "--config", "--gateway-id", "--site", "--lat", "--lon", "--tz", "--broker", "--tls", "--username", "--password-file", "--password", "--technician-password-file", "--apply-boot-file" })
        {
            Assert.Contains(option + " ", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_MissingFolder_CreatesItAndTheFile()
    {
        string path = Path.Combine(_folder, "etc", "edge-gateway", "config.json");

        var (exit, output, _) = Run("--config", path, "--gateway-id", "cab-1");

        Assert.Equal(0, exit);
        Assert.True(File.Exists(path));
        Assert.Contains("0640", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnreadablePasswordFile_Exit3()
    {
        var (exit, _, err) = Run("--config", ConfigPath, "--gateway-id", "cab-1", "--password-file", Path.Combine(_folder, "nope"));

        Assert.Equal(ProvisionVerb.InputUnreadable, exit);
        Assert.Contains("--password-file", err, StringComparison.Ordinal);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public void Run_ExistingFileNotJson_Exit4AndUntouched()
    {
        File.WriteAllText(ConfigPath, "{ not json");

        var (exit, _, _) = Run("--config", ConfigPath, "--gateway-id", "cab-1");

        Assert.Equal(ProvisionVerb.NotJson, exit);
        Assert.Equal("{ not json", File.ReadAllText(ConfigPath));
    }

    [Fact]
    public void Run_FolderNotWritable_Exit6()
    {
        // Not even root may create a folder in /proc.
        var (exit, _, err) = Run("--config", "/proc/edge-gateway-test/config.json", "--gateway-id", "cab-1");

        Assert.Equal(ProvisionVerb.WriteFailed, exit);
        Assert.StartsWith("provision: cannot write", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TechnicianPasswordFile_StoresAVerifiableHashNotThePassword()
    {
        var (exit, _, _) = Run("--config", ConfigPath, "--gateway-id", "cab-1", "--technician-password-file", WriteSecret("lamp-post-42\n"));

        Assert.Equal(0, exit);
        string text = File.ReadAllText(ConfigPath);
        Assert.DoesNotContain("lamp-post-42", text, StringComparison.Ordinal);
        string hash = JsonNode.Parse(text)!["EdgeGateway"]!["Web"]!["PasswordHash"]!.GetValue<string>();
        Assert.True(EdgeGateway.Runtime.Web.PasswordHash.Verify("lamp-post-42", hash));
        Assert.False(EdgeGateway.Runtime.Web.PasswordHash.Verify("lamp-post-43", hash));
    }

    [Fact]
    public void Run_TechnicianPasswordTooShort_Exit5()
    {
        var (exit, _, err) = Run("--config", ConfigPath, "--gateway-id", "cab-1", "--technician-password-file", WriteSecret("short"));

        Assert.Equal(ProvisionVerb.Invalid, exit);
        Assert.Contains("at least", err, StringComparison.Ordinal);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public void Run_BootFile_AppliedOnceAndRemoved()
    {
        File.WriteAllText(ConfigPath, """{"EdgeGateway":{"HealthInterval":"00:02:00"}}""");
        string boot = Path.Combine(_folder, "edge-gateway.json");
        File.WriteAllText(boot, """{"EdgeGateway":{"GatewayId":"cab-boot","Mqtt":{"Host":"mqtt.city.example","Password":"from-boot"}}}""");

        var (exit, _, err) = Run("--config", ConfigPath, "--apply-boot-file", boot);

        Assert.Equal(0, exit);
        Assert.Equal("", err);
        Assert.False(File.Exists(boot));
        var json = JsonNode.Parse(File.ReadAllText(ConfigPath))!["EdgeGateway"]!;
        Assert.Equal("cab-boot", json["GatewayId"]!.GetValue<string>());
        Assert.Equal("00:02:00", json["HealthInterval"]!.GetValue<string>());
        Assert.Equal("from-boot", json["Mqtt"]!["Password"]!.GetValue<string>());

        // The next start finds nothing to apply and changes nothing.
        string after = File.ReadAllText(ConfigPath);
        Assert.Equal(0, Run("--config", ConfigPath, "--apply-boot-file", boot).Exit);
        Assert.Equal(after, File.ReadAllText(ConfigPath));
    }

    [Theory]
    [InlineData("""{"EdgeGateway":{"GatewayId":"bad/id"}}""", ProvisionVerb.Invalid)]
    [InlineData("""{"EdgeGateway":{"GatewayId":"cab-1","Mqtt":{"Hots":"x"}}}""", ProvisionVerb.Invalid)]
    [InlineData("not json at all", ProvisionVerb.NotJson)]
    public void Run_BadBootFile_RejectedKeptAsRejectedConfigUntouched(string content, int expected)
    {
        const string before = """{"EdgeGateway":{"GatewayId":"keep-me"}}""";
        File.WriteAllText(ConfigPath, before);
        string boot = Path.Combine(_folder, "edge-gateway.json");
        File.WriteAllText(boot, content);

        var (exit, _, err) = Run("--config", ConfigPath, "--apply-boot-file", boot);

        Assert.Equal(expected, exit);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.False(File.Exists(boot));
        Assert.Equal(content, File.ReadAllText(boot + ".rejected"));
        Assert.Equal(before, File.ReadAllText(ConfigPath));
    }

    [Fact]
    public void Run_MissingGatewayId_Exit2AndNothingWritten()
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
