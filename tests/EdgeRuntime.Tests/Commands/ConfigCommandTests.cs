using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Cli;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("config-cmd-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly Lifetime _lifetime = new();
    private readonly GatewayOptions _running;
    private readonly GatewayLaunch _launch;

    public ConfigCommandTests()
    {
        File.WriteAllText(ConfigPath, $$$$"""
            {"Logging":{"LogLevel":{"Default":"Warning"}},
             "EdgeGateway":{"GatewayId":"cab-01","Storage":{"Path":"{{{{_folder}}}}/log.db"},
              "Mqtt":{"Host":"mqtt.city.example","Username":"cab01","Password":"s3cret"}}}
            """);
        _launch = new GatewayLaunch { ConfigPath = ConfigPath, UseDefaultSources = false };
        _running = GatewayConfiguration.Load(ConfigFile.Read(ConfigPath), _launch);
    }

    private string ConfigPath => Path.Combine(_folder, "config.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ConfigSetCommand Set(GatewayLaunch? launch = null) => new(_running, launch ?? _launch, _lifetime, _time);

    private async Task<JsonObject> Get() => (await new ConfigGetCommand(_running).ExecuteAsync([], CancellationToken.None))!.AsObject();

    [Fact]
    public async Task ConfigGet_Running_SecretRedactedWithStableVersion()
    {
        var first = await Get();
        var second = await Get();

        Assert.Equal("***", first["config"]!["Mqtt"]!["Password"]!.GetValue<string>());
        Assert.Equal("cab01", first["config"]!["Mqtt"]!["Username"]!.GetValue<string>());
        Assert.Equal(16, first["version"]!.GetValue<string>().Length);
        Assert.Equal(first["version"]!.GetValue<string>(), second["version"]!.GetValue<string>());
    }

    [Fact]
    public void Redact_TechnicianPasswordHash_IsRedactedAndPutBack()
    {
        var config = new JsonObject { ["Web"] = new JsonObject { ["PasswordHash"] = "pbkdf2-sha256$600000$c2FsdA==$aGFzaA==" } };

        var redacted = RunningConfig.Redact(config);
        Assert.Equal("***", redacted["Web"]!["PasswordHash"]!.GetValue<string>());
        RunningConfig.Unredact(redacted, config);

        Assert.Equal("pbkdf2-sha256$600000$c2FsdA==$aGFzaA==", redacted["Web"]!["PasswordHash"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConfigSet_ChangedFromGet_StoredKeepsSecretAndOtherSectionsThenRestarts()
    {
        var got = await Get();
        var config = got["config"]!.AsObject();
        config["HealthInterval"] = "00:05:00";

        var result = await Set().ExecuteAsync(new JsonObject { ["config"] = config.DeepClone(), ["expectedVersion"] = got["version"]!.DeepClone() }, CancellationToken.None);

        var stored = ConfigFile.Read(ConfigPath);
        Assert.Equal("s3cret", stored["EdgeGateway"]!["Mqtt"]!["Password"]!.GetValue<string>());
        Assert.Equal("00:05:00", stored["EdgeGateway"]!["HealthInterval"]!.GetValue<string>());
        Assert.Equal("Warning", stored["Logging"]!["LogLevel"]!["Default"]!.GetValue<string>());
        Assert.NotEqual(got["version"]!.GetValue<string>(), result!["version"]!.GetValue<string>());
        Assert.False(_lifetime.Stopped);
        _time.Advance(ConfigSetCommand.RestartDelay);
        await _lifetime.StoppedSignal.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ConfigSet_Invalid_BadRequestWithEveryReasonAndNothingChanged()
    {
        string before = File.ReadAllText(ConfigPath);
        var config = (await Get())["config"]!.AsObject();
        config["GatewayId"] = "cab 01";
        config["Mqtt"]!["Port"] = 0;

        var ex = await Assert.ThrowsAsync<CommandException>(() => Set().ExecuteAsync(new JsonObject { ["config"] = config.DeepClone() }, CancellationToken.None));

        Assert.Equal("bad_request", ex.Code);
        Assert.Contains("EdgeGateway:GatewayId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("EdgeGateway:Mqtt:Port", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(ConfigPath));
        Assert.False(_lifetime.Stopped);
    }

    [Fact]
    public async Task ConfigSet_StaleExpectedVersion_Conflict()
    {
        var config = (await Get())["config"]!.AsObject();

        var ex = await Assert.ThrowsAsync<CommandException>(() => Set().ExecuteAsync(new JsonObject { ["config"] = config.DeepClone(), ["expectedVersion"] = "0000000000000000" }, CancellationToken.None));

        Assert.Equal("conflict", ex.Code);
    }

    [Fact]
    public async Task ConfigSet_NoConfigFile_Unavailable()
    {
        var config = (await Get())["config"]!.AsObject();

        var ex = await Assert.ThrowsAsync<CommandException>(() => Set(new GatewayLaunch { Simulate = true }).ExecuteAsync(new JsonObject { ["config"] = config.DeepClone() }, CancellationToken.None));

        Assert.Equal("unavailable", ex.Code);
    }

    [Fact]
    public async Task ConfigSet_WholeConfigWithOnlyANumericGatewayId_ForbiddenAndNothingChanged()
    {
        string before = File.ReadAllText(ConfigPath);

        var ex = await Assert.ThrowsAsync<CommandException>(() => Set().ExecuteAsync(Args("""{"config":{"GatewayId":5}}"""), CancellationToken.None));

        Assert.Equal("forbidden", ex.Code);
        Assert.Equal("EdgeGateway:Mqtt:Host", ex.Field);
        Assert.Equal(before, File.ReadAllText(ConfigPath));
        Assert.False(File.Exists(ConfigPath + ".probation"));
        Assert.False(_lifetime.Stopped);
    }

    [Fact]
    public async Task ConfigSet_PatchOneKey_MergedIntoStoredSectionWithLastGoodAndProbation()
    {
        string before = File.ReadAllText(ConfigPath);

        var result = await Set().ExecuteAsync(Args("""{"patch":{"mqtt":{"Port":8883}},"confirmS":60}"""), CancellationToken.None);

        var stored = ConfigFile.Read(ConfigPath)["EdgeGateway"]!;
        Assert.Equal(8883, stored["Mqtt"]!["Port"]!.GetValue<int>());
        Assert.Equal("mqtt.city.example", stored["Mqtt"]!["Host"]!.GetValue<string>());
        Assert.Equal("s3cret", stored["Mqtt"]!["Password"]!.GetValue<string>());
        Assert.Null(stored["mqtt"]);
        Assert.Equal(before, File.ReadAllText(ConfigPath + ".last-good"));
        var state = new ConfigProbation(ConfigPath).Read()!;
        Assert.False(state.RolledBack);
        Assert.Equal(result!["version"]!.GetValue<string>(), state.Version);
        Assert.Equal(RunningConfig.Version(_running), state.PreviousVersion);
        Assert.Equal(_time.GetUtcNow() + ConfigSetCommand.RestartDelay + TimeSpan.FromSeconds(60), state.Deadline);
    }

    [Fact]
    public async Task ConfigSet_PatchRemovingBrokerHost_ForbiddenUnlessAllowed()
    {
        var ex = await Assert.ThrowsAsync<CommandException>(() => Set().ExecuteAsync(Args("""{"patch":{"Mqtt":{"Host":null}}}"""), CancellationToken.None));
        Assert.Equal("forbidden", ex.Code);

        await Set().ExecuteAsync(Args("""{"patch":{"Mqtt":{"Host":null}},"allowIdentityChange":true}"""), CancellationToken.None);
        Assert.Null(ConfigFile.Read(ConfigPath)["EdgeGateway"]!["Mqtt"]!["Host"]);
    }

    [Fact]
    public async Task ConfigSet_PatchChangingGatewayId_ForbiddenWithField()
    {
        var ex = await Assert.ThrowsAsync<CommandException>(() => Set().ExecuteAsync(Args("""{"patch":{"GatewayId":"cab-02"}}"""), CancellationToken.None));

        Assert.Equal("forbidden", ex.Code);
        Assert.Equal("EdgeGateway:GatewayId", ex.Field);
    }

    [Theory]
    [InlineData("""{"patch":{},"config":{}}""", "config")]
    [InlineData("""{}""", "config")]
    [InlineData("""{"patch":[1]}""", "patch")]
    [InlineData("""{"patch":{},"confirmS":0}""", "confirmS")]
    [InlineData("""{"patch":{},"confirmS":"60"}""", "confirmS")]
    [InlineData("""{"patch":{},"confirmS":1.5}""", "confirmS")]
    [InlineData("""{"patch":{},"expectedVersion":7}""", "expectedVersion")]
    [InlineData("""{"patch":{},"allowIdentityChange":"yes"}""", "allowIdentityChange")]
    [InlineData("""{"patch":{},"confirms":60}""", "confirms")]
    [InlineData("""{"patch":{"Mqtt":{"Port":"eighty"}}}""", "EdgeGateway:Mqtt:Port")]
    public async Task ConfigSet_BadArgument_BadRequestNamingTheField(string json, string field)
    {
        string before = File.ReadAllText(ConfigPath);

        var ex = await Assert.ThrowsAsync<CommandException>(() => Set().ExecuteAsync(Args(json), CancellationToken.None));

        Assert.Equal("bad_request", ex.Code);
        Assert.StartsWith(field, ex.Field!, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(ConfigPath));
    }

    [Fact]
    public async Task ConfigSet_SecondSetWhileOnProbation_LastGoodStaysTheConfirmedOne()
    {
        string confirmed = File.ReadAllText(ConfigPath);
        await Set().ExecuteAsync(Args("""{"patch":{"HealthInterval":"00:02:00"}}"""), CancellationToken.None);

        await Set().ExecuteAsync(Args("""{"patch":{"HealthInterval":"00:03:00"}}"""), CancellationToken.None);

        Assert.Equal(confirmed, File.ReadAllText(ConfigPath + ".last-good"));
        Assert.Equal(RunningConfig.Version(_running), new ConfigProbation(ConfigPath).Read()!.PreviousVersion);
    }

    private static JsonObject Args(string json) => JsonNode.Parse(json)!.AsObject();

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public TaskCompletionSource StoppedSignal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Stopped => StoppedSignal.Task.IsCompleted;

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => StoppedSignal.TrySetResult();
    }
}
