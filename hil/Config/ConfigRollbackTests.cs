using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EdgeGateway.Hil.Config;

/// <summary>config.set against a real Mosquitto, with the service restarted as systemd does: a configuration that
/// cannot reach its broker goes back to last-known-good by itself; one that can is confirmed.</summary>
[Trait("Category", "Hil")]
public sealed class ConfigRollbackTests(ITestOutputHelper output) : BrokerTestBase
{
    private string ConfigPath => Path.Combine(Folder, "config.json");

    protected override bool WithOperator => true;

    [SkippableFact]
    public async Task ConfigSet_BrokerHostThatDoesNotExist_GatewayComesBackOnTheOldBrokerByItself()
    {
        const string id = "hil-cfg-1";
        TestLog.ExpectError(1012); // the roll-back is logged as an error: it is what this test provokes
        string original = WriteConfig(id);
        await using var gateway = await SupervisedGateway.StartAsync(ConfigPath);
        await Peers.Until(() => gateway.Uplink.Status.State == UplinkState.Online, "online on the first configuration");
        var clock = Stopwatch.StartNew();
        var timeline = new List<string>();
        void Mark(string what) => timeline.Add($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");

        var answer = await Operator.RequestAsync(id, "config.set", new JsonObject
        {
            ["patch"] = new JsonObject { ["Mqtt"] = new JsonObject { ["Host"] = "broker.invalid" } },
            ["confirmS"] = 8,
        });
        Mark($"config.set answered {answer.ToJsonString()}");
        Assert.True(answer["ok"]!.GetValue<bool>(), answer.ToJsonString());

        await Peers.Until(() => gateway.Starts >= 2, "restarted on the new configuration");
        Assert.Equal("broker.invalid", gateway.Services.GetRequiredService<GatewayOptions>().Mqtt.Host);
        Mark("restarted on broker.invalid");
        await Peers.Until(() => gateway.Uplink.Status.LastError is not null, "a failed connect on broker.invalid");
        Mark($"connect failed: {gateway.Uplink.Status.LastError}");

        await Peers.Until(() => gateway.Starts >= 3, "rolled back and restarted by itself", TimeSpan.FromSeconds(60));
        Mark("rolled back, restarted on last-known-good");
        await Peers.Until(() => gateway.Uplink.Status.State == UplinkState.Online, "online on the old broker again");
        Mark("online on the old broker");
        await Peers.Until(() => Event(id, "config.rolledBack") is not null, "config.rolledBack at the central subscriber");
        Mark($"config.rolledBack received: {Event(id, "config.rolledBack")}");
        output.WriteLine(string.Join(Environment.NewLine, timeline));

        var data = JsonNode.Parse(Event(id, "config.rolledBack")!)!["data"]!;
        Assert.Equal(answer["result"]!["version"]!.GetValue<string>(), data["version"]!.GetValue<string>());
        Assert.Contains("broker.invalid", data["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(ConfigPath));
        Assert.Null(new ConfigProbation(ConfigPath).Read());
        Assert.Equal(3, gateway.Starts);
        Assert.Contains(TestLog.Current.Errors, e => e.Id.Id == 1012 && e.Message.Contains("broker.invalid", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ConfigSet_GoodPatch_AppliedAfterRestartAndConfirmed()
    {
        const string id = "hil-cfg-2";
        WriteConfig(id);
        await using var gateway = await SupervisedGateway.StartAsync(ConfigPath);
        await Peers.Until(() => gateway.Uplink.Status.State == UplinkState.Online, "online on the first configuration");

        var answer = await Operator.RequestAsync(id, "config.set", new JsonObject
        {
            ["patch"] = new JsonObject { ["HealthInterval"] = "00:00:07" },
            ["confirmS"] = 30,
        });
        Assert.True(answer["ok"]!.GetValue<bool>(), answer.ToJsonString());

        await Peers.Until(() => Event(id, "config.applied") is not null, "config.applied at the central subscriber");
        Assert.Equal(2, gateway.Starts);
        Assert.Equal(TimeSpan.FromSeconds(7), gateway.Services.GetRequiredService<GatewayOptions>().HealthInterval);
        Assert.Null(new ConfigProbation(ConfigPath).Read());
        Assert.True(File.Exists(ConfigPath + ".last-good"));
    }

    private string WriteConfig(string id)
    {
        var settings = GatewayUnderTest.Settings(id, Broker.Port, Path.Combine(Folder, "log.db"));

        // The real clock: the probation's deadline is kept across restarts, and a scaled clock restarts with the service.
        settings.Remove("EdgeGateway:Simulation:TimeScale");
        SupervisedGateway.WriteConfig(ConfigPath, settings);
        return File.ReadAllText(ConfigPath);
    }

    private string? Event(string id, string type) => Central.Messages
        .Where(m => m.Topic == $"edge/{id}/events" && m.Payload.Contains($"\"type\":\"{type}\"", StringComparison.Ordinal))
        .Select(m => m.Payload).FirstOrDefault();
}
