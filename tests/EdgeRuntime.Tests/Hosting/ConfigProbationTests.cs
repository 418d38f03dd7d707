using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Hosting;

[Trait("Category", "Integration")]
public sealed class ConfigProbationTests : IDisposable
{
    private const string Old = """{"EdgeGateway":{"GatewayId":"cab-01","Mqtt":{"Host":"good.example"}}}""";
    private const string New = """{"EdgeGateway":{"GatewayId":"cab-01","Mqtt":{"Host":"bad.example"}}}""";
    private readonly string _folder = Directory.CreateTempSubdirectory("probation-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly Uplink _uplink = new();
    private readonly Recorder _recorder = new();
    private readonly Lifetime _lifetime = new();
    private readonly ConfigProbation _probation;

    public ConfigProbationTests()
    {
        File.WriteAllText(ConfigPath, Old);
        _probation = new ConfigProbation(ConfigPath);
    }

    private string ConfigPath => Path.Combine(_folder, "config.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Check_UplinkOnlineBeforeDeadline_AppliedEventAndMarkCleared()
    {
        var service = Begin(confirmS: 30);
        Assert.False(service.Check());

        _time.Advance(TimeSpan.FromSeconds(10));
        _uplink.Set(UplinkState.Online);

        Assert.True(service.Check());
        var applied = Assert.Single(_recorder.Events);
        Assert.Equal("config.applied", applied.Type);
        Assert.Equal("v2", applied.Data["version"]);
        Assert.Null(_probation.Read());
        Assert.Equal(New, File.ReadAllText(ConfigPath));
        Assert.False(_lifetime.Stopped);
    }

    [Fact]
    public void Check_DeadlinePassesOffline_LastGoodRestoredMarkRolledBackAndRestart()
    {
        TestLog.ExpectError(1012); // the roll-back is an operator-visible error
        var service = Begin(confirmS: 30);
        _uplink.Set(UplinkState.Backoff, "Name or service not known");

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(service.Check());
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(service.Check());
        Assert.Equal(Old, File.ReadAllText(ConfigPath));
        var state = _probation.Read()!;
        Assert.True(state.RolledBack);
        Assert.Contains("not reached within 30 s", state.Reason, StringComparison.Ordinal);
        Assert.Contains("Name or service not known", state.Reason, StringComparison.Ordinal);
        Assert.True(_lifetime.Stopped);
        Assert.Empty(_recorder.Events);
    }

    [Fact]
    public void Check_AfterRollBack_NextStartRecordsRolledBackEventOnce()
    {
        TestLog.ExpectError(1012);
        var first = Begin(confirmS: 5);
        _time.Advance(TimeSpan.FromSeconds(5));
        first.Check();

        var second = Service(_probation.Read()!);
        Assert.True(second.Check());

        var rolledBack = Assert.Single(_recorder.Events);
        Assert.Equal("config.rolledBack", rolledBack.Type);
        Assert.Equal(Severity.Warning, rolledBack.Severity);
        Assert.Equal("v2", rolledBack.Data["version"]);
        Assert.Equal("v1", rolledBack.Data["restoredVersion"]);
        Assert.Null(_probation.Read());
        Assert.True(File.Exists(_probation.LastGoodPath));
    }

    [Fact]
    public void Check_NoLastGood_ClearsMarkWithoutRestart()
    {
        TestLog.ExpectError(1012);
        var service = Begin(confirmS: 5);
        File.Delete(_probation.LastGoodPath);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(service.Check());
        Assert.Null(_probation.Read());
        Assert.False(_lifetime.Stopped);
    }

    [Fact]
    public void Read_CorruptMark_CountsAsPendingPastItsDeadline()
    {
        File.WriteAllText(_probation.StatePath, "{not json");

        var state = _probation.Read()!;

        Assert.False(state.RolledBack);
        Assert.Equal(DateTimeOffset.MinValue, state.Deadline);
    }

    [Fact]
    public void Build_PendingConfigurationThatDoesNotLoad_RolledBackAtStartOnLastGood()
    {
        string good = Config("cab-01", "good.example", "00:01:00");
        File.WriteAllText(ConfigPath, good);
        _probation.Begin(System.Text.Encoding.UTF8.GetBytes(Config("cab-01", "good.example", "not a time")), "v2", "v1", _time.GetUtcNow().AddMinutes(5), 300);

        using var host = GatewayHost.Build(new GatewayLaunch { ConfigPath = ConfigPath, Simulate = true, UseDefaultSources = false, Time = _time });
        TestLog.Attach(host.Services);

        Assert.Equal(good, File.ReadAllText(ConfigPath));
        var state = _probation.Read()!;
        Assert.True(state.RolledBack);
        Assert.Contains("did not load", state.Reason, StringComparison.Ordinal);
        Assert.Contains("HealthInterval", state.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PendingPastItsDeadline_RolledBackAtStart()
    {
        string good = Config("cab-01", "good.example", "00:01:00");
        File.WriteAllText(ConfigPath, good);
        _probation.Begin(System.Text.Encoding.UTF8.GetBytes(Config("cab-01", "bad.example", "00:01:00")), "v2", "v1", _time.GetUtcNow().AddSeconds(30), 30);
        _time.Advance(TimeSpan.FromSeconds(31));

        using var host = GatewayHost.Build(new GatewayLaunch { ConfigPath = ConfigPath, Simulate = true, UseDefaultSources = false, Time = _time });
        TestLog.Attach(host.Services);

        Assert.Equal("good.example", host.Services.GetRequiredService<EdgeGateway.Runtime.Options.GatewayOptions>().Mqtt.Host);
        Assert.Contains("did not stay up", _probation.Read()!.Reason, StringComparison.Ordinal);
    }

    private string Config(string id, string host, string health) =>
        $$$$"""{"EdgeGateway":{"GatewayId":"{{{{id}}}}","HealthInterval":"{{{{health}}}}","Storage":{"Path":"{{{{_folder}}}}/log.db"},"Web":{"Enabled":false},"Mqtt":{"Host":"{{{{host}}}}"}}}""";

    private ConfigProbationService Begin(int confirmS)
    {
        _probation.Begin(System.Text.Encoding.UTF8.GetBytes(New), "v2", "v1", _time.GetUtcNow().AddSeconds(confirmS), confirmS);
        Assert.Equal(Old, File.ReadAllText(_probation.LastGoodPath));
        return Service(_probation.Read()!);
    }

    private ConfigProbationService Service(ProbationState state) =>
        new(_probation, state, _uplink, _recorder, _lifetime, _time, "bad.example:1883", TestLog.For<ConfigProbationService>());

    private sealed class Uplink : IUplink
    {
        public UplinkStatus Status { get; private set; } = new(UplinkState.Connecting, DateTimeOffset.UnixEpoch, null, null, 0, 0, 0);

        public void Set(UplinkState state, string? error = null) => Status = Status with { State = state, LastError = error };

        public Task<bool> TryPublishAsync(OutboundMessage message, CancellationToken cancellationToken) => Task.FromResult(false);

        public bool RequestResend(long fromSeq) => false;
    }

    private sealed class Recorder : IRecorder
    {
        public List<GatewayEvent> Events { get; } = [];

        public void Record(Reading reading)
        {
        }

        public void Record(GatewayEvent gatewayEvent) => Events.Add(gatewayEvent);
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public bool Stopped { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopped = true;
    }
}
