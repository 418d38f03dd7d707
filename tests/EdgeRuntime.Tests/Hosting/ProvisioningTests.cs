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
        var launch = Launch();

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
        // Poll periods on the fake clock until the wait sees the file (bounded by count, not by the wall clock).
        for (int i = 0; i < 10_000 && !wait.IsCompleted; i++)
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

        var wait = Provisioning.WaitAsync(Launch(), notify, time, new StringWriter(), stop.Token);
        await stop.CancelAsync();

        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("STOPPING=1", _systemd.Drain()[^1]);
    }

    [Fact]
    public async Task NotProvisionedPage_Get_SaysNotProvisionedAndHealthz503()
    {
        await using var page = await Runtime.Web.NotProvisionedPage.TryStartAsync("http://127.0.0.1:0", Provisioning.WaitingLine(Launch()), new StringWriter(), CancellationToken.None);
        Assert.NotNull(page);
        using var http = new HttpClient { BaseAddress = new Uri(page.Addresses.Single()) };

        using var root = await http.GetAsync("/");
        string html = await root.Content.ReadAsStringAsync();
        using var health = await http.GetAsync("/healthz");
        using var post = await http.PostAsync("/api/session", new StringContent("{}"));

        Assert.Equal(System.Net.HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("not provisioned", html, StringComparison.Ordinal);
        Assert.Contains("edge-gateway provision", html, StringComparison.Ordinal);
        Assert.Equal("DENY", root.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task NotProvisionedPage_PortTaken_ReturnsNullWithOneLine()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var log = new StringWriter();

        await using var page = await Runtime.Web.NotProvisionedPage.TryStartAsync($"http://127.0.0.1:{port}", "x", log, CancellationToken.None);

        Assert.Null(page);
        Assert.Contains("cannot listen", log.ToString(), StringComparison.Ordinal);
    }

    // The page served while waiting listens on a free loopback port, never on 8080.
    private GatewayLaunch Launch() => new()
    {
        ConfigPath = ConfigPath,
        UseDefaultSources = false,
        Overrides = new Dictionary<string, string?> { ["EdgeGateway:Web:Urls"] = "http://127.0.0.1:0" },
    };
}
