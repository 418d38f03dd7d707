using EdgeGateway.Runtime.Commands;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Runtime.Tests.Hosting;

public sealed class GatewayHostTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("host-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Build_WithABrokerConfigured_ResolvesEveryServiceAndCommandWithoutACycle()
    {
        var launch = new GatewayLaunch
        {
            Simulate = true,
            UseDefaultSources = false,
            Overrides = new Dictionary<string, string?>
            {
                ["EdgeGateway:GatewayId"] = "gw-host-test",
                ["EdgeGateway:Mqtt:Host"] = "127.0.0.1",
                ["EdgeGateway:Mqtt:Port"] = "1",
                ["EdgeGateway:Storage:Path"] = Path.Combine(_folder, "log.db"),
            },
        };

        using var host = GatewayHost.Build(launch);
        TestLog.Attach(host.Services);

        // A dependency cycle built from factory lambdas does not throw: the container recurses for ever. Resolve on
        // another thread with a generous bound so that such a cycle fails this test instead of hanging the run.
        var resolve = Task.Run(() => (
            Hosted: host.Services.GetServices<IHostedService>().ToList(),
            Commands: host.Services.GetServices<IGatewayCommand>().Select(c => c.Name).ToList(),
            Uplink: host.Services.GetRequiredService<IUplink>()));
        var resolved = await resolve.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.IsType<MqttUplink>(resolved.Uplink);
        Assert.Contains(resolved.Hosted, h => h is MqttUplink);
        Assert.Contains("sync.resend", resolved.Commands);
        Assert.Contains("light.override", resolved.Commands);
        Assert.Equal(resolved.Commands.Count, resolved.Commands.Distinct().Count());
    }
}

public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task Start_PortAlreadyTaken_DoesNotServeAndDoesNotThrow()
    {
        var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        int port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        try
        {
            await using var broker = new EmbeddedBroker(port);
            await broker.StartAsync(CancellationToken.None);
            Assert.False(broker.Serving);
            await broker.StopAsync(CancellationToken.None);
        }
        finally
        {
            holder.Stop();
        }
    }

    [Fact]
    public async Task Start_FreePort_Serves()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var broker = new EmbeddedBroker(port);
        await broker.StartAsync(CancellationToken.None);
        Assert.True(broker.Serving);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
        Assert.True(client.Connected);
        await broker.StopAsync(CancellationToken.None);
    }
}
