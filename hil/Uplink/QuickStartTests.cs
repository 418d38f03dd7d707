using System.Diagnostics;
using EdgeGateway.Hil.Infrastructure;

namespace EdgeGateway.Hil.Uplink;

/// <summary>The README's first command: <c>--simulate</c> with its embedded broker, watched by a stock mosquitto_sub.</summary>
[Trait("Category", "Hil")]
public sealed class QuickStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hil-quick-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public async Task Simulate_EmbeddedBroker_MosquittoSubSeesStatusMetaAndTelemetry()
    {
        string mosquittoSub = Peers.Require("mosquitto_sub");
        int port = Peers.FreePort();
        var settings = GatewayUnderTest.Settings("quick-gw", port, Path.Combine(_folder, "log.db"));
        settings["EdgeGateway:Simulation:EmbeddedBroker"] = "true";
        await using var gateway = await GatewayUnderTest.StartAsync(settings);

        // mosquitto_sub speaks MQTT 3.1.1 with an empty client id by default: the broker must assign one.
        var psi = new ProcessStartInfo(mosquittoSub, ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "edge/#", "-v", "-C", "6", "-W", "30"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var sub = Process.Start(psi)!;
        string output = await sub.StandardOutput.ReadToEndAsync();
        string errors = await sub.StandardError.ReadToEndAsync();
        await sub.WaitForExitAsync();

        Assert.True(sub.ExitCode == 0, $"mosquitto_sub exit {sub.ExitCode}: {errors}");
        Assert.Contains("edge/quick-gw/status {", output, StringComparison.Ordinal);
        Assert.Contains("edge/quick-gw/meta [", output, StringComparison.Ordinal);
        Assert.Contains("edge/quick-gw/telemetry {", output, StringComparison.Ordinal);
    }
}
