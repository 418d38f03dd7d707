using System.Text;
using System.Text.Json.Nodes;
using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Sync.Json;
using EdgeGateway.Sync.Log;
using Xunit.Abstractions;

namespace EdgeGateway.Hil.PowerCut;

/// <summary>
/// Power cuts at random moments, under load and during a backlog drain: the gateway's log on a FUSE disk that forgets
/// every unsynced write, the real gateway process killed with the cut, a real Mosquitto and an independent MQTT 5
/// consumer. After every cut the gateway starts again on what the card kept.
/// </summary>
[Trait("Category", "Hil")]
public sealed class PowerCutTests(ITestOutputHelper output) : BrokerTestBase
{
    private const string GatewayId = "hil-powercut";

    [SkippableFact]
    public async Task Run_TwelvePowerCutsUnderLoadAndDuringDrains_NoPublishedSeqReusedMissingOrForgotten()
    {
        await using var disk = new PowerCutDisk();
        await CrashRoundsAsync(12, disk.MountPoint, disk.Backing, disk.MountAsync, disk.UnmountAsync, async gateway =>
        {
            gateway.DiskCut();
            disk.Cut();
            await gateway.KillAsync();
            await disk.UnmountAsync();
        });
        Assert.Equal(12, disk.Cuts);
    }

    [SkippableFact]
    public async Task Run_TwentySigkillsUnderLoadAndDuringDrains_LogOpensEveryTimeNoSeqLostOrReused()
    {
        string folder = Directory.CreateTempSubdirectory("hil-sigkill-").FullName;
        try
        {
            await CrashRoundsAsync(20, folder, folder, () => Task.CompletedTask, () => Task.CompletedTask, gateway => gateway.KillAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Rounds of: start the real gateway on `live`, let it publish, sometimes take the broker away so that the crash falls
    // in the drain after it, crash it with `crash`. Then a clean last run, and the checks on what `card` holds (read
    // after `unmount`: the FUSE disk's backing folder is the card itself).
    private async Task CrashRoundsAsync(int rounds, string live, string card, Func<Task> mount, Func<Task> unmount, Func<GatewayProcess, Task> crash)
    {
        var random = new Random(20261201 + rounds);
        var settings = new Dictionary<string, string>
        {
            ["GatewayId"] = GatewayId,
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:Port"] = Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:ReconnectDelay"] = "00:00:00.200",
            ["Mqtt:MaxReconnectDelay"] = "00:00:01",
            ["Storage:Path"] = Path.Combine(live, "log.db"),

            // Under load: the virtual cabinet at 20x, a batch a second, so every moment has a commit in flight.
            ["Simulation:TimeScale"] = "20",
            ["Recorder:MaxBatchAge"] = "00:00:01",
            ["Web:Urls"] = "http://127.0.0.1:0",
        };

        for (int round = 0; round < rounds; round++)
        {
            await mount();
            await using var gateway = GatewayProcess.Start(settings);
            long before = MaxReceived();
            await Peers.Until(() => MaxReceived() > before, $"round {round}: the restarted gateway publishes", TimeSpan.FromSeconds(60));

            bool duringDrain = round % 3 == 2;
            if (duringDrain)
            {
                // A backlog: the broker away for a while, back, and the crash falls while the backlog drains.
                await Broker.StopAsync();

                // The outage itself lasts a random 2-4 s of real time (the gateway runs in another process and records
                // meanwhile; nothing of it is observable from here until the broker is back).
                await Task.Delay(TimeSpan.FromMilliseconds(2000 + random.Next(2000)));
                long beforeDrain = MaxReceived();
                await Broker.StartAsync();
                await Central.ConnectAsync();
                await Peers.Until(() => MaxReceived() > beforeDrain, $"round {round}: the drain starts", TimeSpan.FromSeconds(60));
                // The crash falls a random number of records into the drain.
                long into = MaxReceived() + random.Next(1, 15);
                await Peers.Until(() => MaxReceived() >= into, $"round {round}: {into} reached in the drain", TimeSpan.FromSeconds(60));
            }
            else
            {
                // Under load: the crash falls after a random number of further records (about one batch a second).
                long upTo = MaxReceived() + random.Next(1, 8);
                await Peers.Until(() => MaxReceived() >= upTo, $"round {round}: {upTo} published", TimeSpan.FromSeconds(60));
            }

            await crash(gateway);
            output.WriteLine($"crash {round + 1} ({(duringDrain ? "during a drain" : "under load")}): {Central.BySeq.Count} seqs received, highest {MaxReceived()}");
        }

        // A last clean run delivers everything the card kept, then stops as systemd would.
        await mount();
        await using (var last = GatewayProcess.Start(settings))
        {
            long before = MaxReceived();
            await Peers.Until(() => MaxReceived() > before + 5, "the last run publishes", TimeSpan.FromSeconds(60));
            Assert.Equal(0, await last.StopAsync());
            Assert.DoesNotContain(last.Output, l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal));
        }

        await unmount();

        // What the card holds after it all: LiteDB recovered every time (nothing moved aside).
        Assert.Empty(Directory.GetFiles(card, "*.damaged-*"));
        using var log = new DurableLog(new DurableLogOptions { Path = Path.Combine(card, "log.db") });
        Assert.Null(log.Reset);
        var kept = log.ReadAfter(0, 10_000_000).ToDictionary(r => r.Seq);

        // No seq reused: none arrived twice with different content.
        var reused = Central.BySeq.Where(kv => kv.Value.Select(Normalize).Distinct().Count() > 1).Select(kv => kv.Key).ToList();
        Assert.True(reused.Count == 0, $"seqs published with two contents: {string.Join(", ", reused.Take(20))}");

        // No seq missing: the log holds every seq from 1 up, and the consumer saw every one of them up to what the
        // last run delivered.
        long highest = MaxReceived();
        Assert.Equal(Enumerable.Range(1, kept.Count).Select(i => (long)i), kept.Keys.Order());
        var missing = Central.Missing(highest);
        Assert.True(missing.Count == 0, $"seqs never received below {highest}: {string.Join(", ", missing.Take(20))}");

        // Nothing published was forgotten: every message the consumer received is in the log, with the same content.
        foreach (var (seq, payloads) in Central.BySeq)
        {
            Assert.True(kept.TryGetValue(seq, out var record), $"seq {seq} was published but the log lost it in a crash");
            Assert.Equal(Normalize(Encoding.UTF8.GetString(PayloadWriter.Message(GatewayId, record))), Normalize(payloads.First()));
        }

        output.WriteLine($"{rounds} crashes: {kept.Count} records in the log, {Central.BySeq.Count} distinct seqs received, none reused, none missing");
    }

    private long MaxReceived() => Central.BySeq.IsEmpty ? 0 : Central.BySeq.Keys.Max();

    // The same record sent again from the backlog may carry "backlog":true; its identity and content are the rest.
    private static string Normalize(string payload)
    {
        var node = JsonNode.Parse(payload)!.AsObject();
        node.Remove("backlog");
        return node.ToJsonString();
    }
}
