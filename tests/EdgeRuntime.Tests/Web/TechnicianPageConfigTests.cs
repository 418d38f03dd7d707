using Microsoft.Extensions.Configuration;
using System.Net;
using System.Net.Sockets;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Runtime.Tests.Web;

[Trait("Category", "Integration")]
public sealed class TechnicianPageConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("web-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("EdgeGateway:Web:Urls", "https://0.0.0.0:8443", "EdgeGateway:Web:Urls")]
    [InlineData("EdgeGateway:Web:Urls", "http://0.0.0.0", "EdgeGateway:Web:Urls")]
    [InlineData("EdgeGateway:Web:Urls", "http://0.0.0.0:70000", "EdgeGateway:Web:Urls")]
    [InlineData("EdgeGateway:Web:Password", "short", "EdgeGateway:Web:Password")]
    [InlineData("EdgeGateway:Web:Password", "a-long-plain-password", "EdgeGateway:Web:Password")]
    [InlineData("EdgeGateway:Web:PasswordHash", "sha256$abc", "EdgeGateway:Web:PasswordHash")]
    [InlineData("EdgeGateway:Web:SessionDuration", "00:00:10", "EdgeGateway:Web:SessionDuration")]
    [InlineData("EdgeGateway:Web:SessionDuration", "12:00:00", "EdgeGateway:Web:SessionDuration")]
    public void Build_BadWebValue_ConfigErrorNamingTheKey(string key, string value, string named)
    {
        var settings = WebGateway.Settings(_folder);
        settings[key] = value;

        var ex = Assert.Throws<GatewayConfigException>(() => GatewayHost.Build(new GatewayLaunch { UseDefaultSources = false, Overrides = settings }));

        Assert.Contains(ex.Errors, e => e.StartsWith(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Defaults_PortEightyEightyOnEveryInterfaceTwoHourSessions()
    {
        var options = GatewayConfiguration.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EdgeGateway:GatewayId"] = "gw" }).Build(), new GatewayLaunch());

        Assert.True(options.Web.Enabled);
        Assert.Equal("http://0.0.0.0:8080", options.Web.Urls);
        Assert.Equal("", options.Web.Password);
        Assert.Equal("", options.Web.PasswordHash);
        Assert.Equal(TimeSpan.FromHours(2), options.Web.SessionDuration);
    }

    [Fact]
    public void Build_PlainPassword_RefusedPointingToProvision()
    {
        var settings = WebGateway.Settings(_folder);
        settings["EdgeGateway:Web:Password"] = WebGateway.Password;

        var ex = Assert.Throws<GatewayConfigException>(() => GatewayHost.Build(new GatewayLaunch { UseDefaultSources = false, Overrides = settings }));

        var error = Assert.Single(ex.Errors, e => e.StartsWith("EdgeGateway:Web:Password ", StringComparison.Ordinal));
        Assert.Contains("edge-gateway provision --technician-password-file", error, StringComparison.Ordinal);
        Assert.DoesNotContain(WebGateway.Password, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PortAlreadyInUse_GatewayRunsOnAndThePageReportsTheError()
    {
        // The page cannot listen: it says so once (901), and only that (not the page's inner host's "Hosting failed
        // to start" with its stack trace); the gateway runs on.
        TestLog.ExpectError(901);
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        int port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var settings = WebGateway.Settings(_folder);
        settings["EdgeGateway:Web:Urls"] = $"http://127.0.0.1:{port}";
        using var host = GatewayHost.Build(new GatewayLaunch { UseDefaultSources = false, Overrides = settings });
        TestLog.Attach(host.Services);

        await host.StartAsync().WaitAsync(WebGateway.Wait);
        var server = host.Services.GetRequiredService<TechnicianWebServer>();

        Assert.Empty(server.Addresses);
        Assert.Equal([901], TestLog.Current.Errors.Select(e => e.Id.Id));
        Assert.Contains("address already in use", server.LastError, StringComparison.OrdinalIgnoreCase);
        await host.StopAsync().WaitAsync(WebGateway.Wait);
    }

    [Fact]
    public async Task Start_AddressThisMachineDoesNotHave_GatewayRunsOnAndThePageReportsTheError()
    {
        // The page cannot listen: it says so once (901), and only that (not the page's inner host's "Hosting failed
        // to start" with its stack trace); the gateway runs on.
        TestLog.ExpectError(901);
        // 192.0.2.0/24 is TEST-NET-1: never an address of this machine, as a cabinet's fixed IP is not at boot
        // before its interface comes up.
        var settings = WebGateway.Settings(_folder);
        settings["EdgeGateway:Web:Urls"] = "http://192.0.2.1:8080";
        using var host = GatewayHost.Build(new GatewayLaunch { UseDefaultSources = false, Overrides = settings });
        TestLog.Attach(host.Services);

        await host.StartAsync().WaitAsync(WebGateway.Wait);
        var server = host.Services.GetRequiredService<TechnicianWebServer>();

        Assert.Empty(server.Addresses);
        Assert.Equal([901], TestLog.Current.Errors.Select(e => e.Id.Id));
        Assert.False(string.IsNullOrEmpty(server.LastError));
        await host.StopAsync().WaitAsync(WebGateway.Wait);
    }

    [Fact]
    public async Task Login_NoPasswordConfigured_403SayingThePageIsReadOnly()
    {
        await using var gw = await WebGateway.StartAsync(s => s["EdgeGateway:Web:PasswordHash"] = "");

        using var login = await gw.PostJsonAsync("/api/session", new { password = "" });
        using var command = await gw.PostJsonAsync("/api/light/release", new { group = "street-1" });
        using var tool = await gw.PostJsonAsync("/api/tools/lamp-test", new { group = "street-1", level = 50, minutes = 1 });
        var body = await gw.JsonAsync(login);
        var state = await gw.JsonAsync(await gw.Http.GetAsync("/api/state"));

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Contains("edge-gateway provision --technician-password-file", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, command.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tool.StatusCode);
        Assert.False(state.GetProperty("session").GetProperty("loginEnabled").GetBoolean());
        Assert.Contains("--technician-password-file", state.GetProperty("session").GetProperty("help").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WebDisabled_NoServer()
    {
        var settings = WebGateway.Settings(_folder);
        settings["EdgeGateway:Web:Enabled"] = "false";

        using var host = GatewayHost.Build(new GatewayLaunch { UseDefaultSources = false, Overrides = settings });
        TestLog.Attach(host.Services);

        Assert.Null(host.Services.GetService<TechnicianWebServer>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), h => h is TechnicianWebServer);
    }
}
