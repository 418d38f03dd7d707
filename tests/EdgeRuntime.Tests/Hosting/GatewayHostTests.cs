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
