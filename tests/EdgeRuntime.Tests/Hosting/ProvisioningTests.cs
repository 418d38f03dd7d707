using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Hosting;

[Trait("Category", "Integration")]
public sealed class ProvisioningTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("provisioning-").FullName;
    private readonly NotifySocket _systemd = new();

    public void Dispose()
    {
        _systemd.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string ConfigPath => Path.Combine(_folder, "config.json");

    [Theory]
    [InlineData(null, false)]
    [InlineData("""{"EdgeGateway":{}}""", false)]
    [InlineData("""{"EdgeGateway":{"GatewayId":""}}""", false)]
    [InlineData("""{"EdgeGateway":{"GatewayId":"cab-1"}}""", true)]
    [InlineData("""{"EdgeGateway":{"GatewayId":"cab-1",""", true)]
    public void IsProvisioned_ConfigFile_TrueOnlyWithAGatewayIdOrAnErrorToReport(string? content, bool expected)
    {
        if (content is not null)
        {
            File.WriteAllText(ConfigPath, content);
        }

        Assert.Equal(expected, Provisioning.IsProvisioned(new GatewayLaunch { ConfigPath = ConfigPath, UseDefaultSources = false }));
    }

    [Fact]
    public async Task WaitAsync_NoConfig_OneLineReadyAndStatusThenStartsOnceProvisioned()
    {
        var time = new FakeTimeProvider();
        var log = new StringWriter();
        using var notify = new ServiceNotify(_systemd.Path);
        var launch = new GatewayLaunch { ConfigPath = ConfigPath, UseDefaultSources = false };

        var wait = Provisioning.WaitAsync(launch, notify, time, log, CancellationToken.None);
        for (int i = 0; i < 5; i++)
        {
            time.Advance(Provisioning.PollInterval);
        }

        Assert.False(wait.IsCompleted);
        Assert.Single(log.ToString().Split(["\n"], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("not provisioned", log.ToString(), StringComparison.Ordinal);
        var sent = _systemd.Drain();
        Assert.Equal("READY=1", sent[0]);
        Assert.StartsWith("STATUS=not provisioned", sent[1], StringComparison.Ordinal);

        File.WriteAllText(ConfigPath, """{"EdgeGateway":{"GatewayId":"cab-1"}}""");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!wait.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(Provisioning.PollInterval);
            await Task.Yield();
        }

        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("provisioned; starting", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitAsync_Stopped_ReturnsFalseAndSaysStopping()
    {
        var time = new FakeTimeProvider();
        using var notify = new ServiceNotify(_systemd.Path);
        using var stop = new CancellationTokenSource();

        var wait = Provisioning.WaitAsync(new GatewayLaunch { ConfigPath = ConfigPath, UseDefaultSources = false }, notify, time, new StringWriter(), stop.Token);
        await stop.CancelAsync();

        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("STOPPING=1", _systemd.Drain()[^1]);
    }
}
