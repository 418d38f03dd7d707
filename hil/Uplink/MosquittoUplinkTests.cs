using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Hil.Uplink;

/// <summary>The whole gateway against a real Mosquitto: delivery, a broker outage, a gateway restart.</summary>
[Trait("Category", "Hil")]
public sealed class MosquittoUplinkTests : BrokerTestBase
{
    private string LogPath => Path.Combine(Folder, "log.db");

    [SkippableFact]
    public async Task Run_BrokerUp_TelemetryAndEventsArriveWithContiguousSeq()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(GatewayUnderTest.Settings("hil-gw-1", Broker.Port, LogPath));

        await Peers.Until(() => gateway.Log.Checkpoint >= 10, "ten records acknowledged");
        long upTo = gateway.Log.Checkpoint;
        await Peers.Until(() => Central.Missing(upTo).Count == 0, $"seq 1..{upTo} at the central subscriber");

        Assert.Empty(Central.Reused());
        Assert.Contains(Central.Messages, m => m.Topic == "edge/hil-gw-1/status" && m.Payload.Contains("\"online\"", StringComparison.Ordinal));
        Assert.Contains(Central.Messages, m => m.Topic == "edge/hil-gw-1/meta" && m.Payload.Contains("lux1.lux", StringComparison.Ordinal));
        Assert.Contains(Central.Messages, m => m.Topic == "edge/hil-gw-1/telemetry");
    }

    [SkippableFact]
    public async Task Run_BrokerStoppedFor30Seconds_EverySeqArrivesAfterwardsWithoutGap()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(GatewayUnderTest.Settings("hil-gw-2", Broker.Port, LogPath));
        await Peers.Until(() => gateway.Log.Checkpoint >= 3, "first records acknowledged");

        await Broker.StopAsync();
        var stoppedAt = gateway.Time.GetUtcNow();
        long attemptsBefore = gateway.Uplink.Status.ConnectAttempts;

        // The outage lasts 30 s of the gateway's (10x) clock, while it keeps recording and keeps trying.
        await Peers.Until(
            () => gateway.Time.GetUtcNow() - stoppedAt >= TimeSpan.FromSeconds(30)
                && gateway.Uplink.Status.ConnectAttempts >= attemptsBefore + 2
                && gateway.Log.Unsent().Count >= 5,
            "30 s of outage with records piling up and reconnect attempts");
        Assert.NotEqual(UplinkState.Online, gateway.Uplink.Status.State);
        long producedDuringOutage = gateway.Log.NextSeq - 1;

        await Broker.StartAsync();
        await Peers.Until(() => !Central.IsConnected, "the central subscriber noticed the outage");
        await Central.ConnectAsync();

        await Peers.Until(() => gateway.Uplink.Status.State == UplinkState.Online, "uplink back online by itself");
        await Peers.Until(() => Central.Missing(producedDuringOutage).Count == 0, $"every seq up to {producedDuringOutage} delivered");

        await Peers.Until(() => gateway.Log.Checkpoint >= producedDuringOutage, "checkpoint past the outage's records");
        Assert.Empty(Central.Reused());
    }

    [SkippableFact]
    public async Task Run_GatewayRestarted_SeqContinuesWithoutReuse()
    {
        var settings = GatewayUnderTest.Settings("hil-gw-3", Broker.Port, LogPath);
        string bootId1;
        long lastBeforeRestart;
        await using (var first = await GatewayUnderTest.StartAsync(settings))
        {
            await Peers.Until(() => first.Log.Checkpoint >= 5, "first boot delivers");
            await first.StopAsync();
            lastBeforeRestart = first.Log.NextSeq - 1;
            bootId1 = Central.Messages.Last(m => m.Topic.EndsWith("/status", StringComparison.Ordinal)).Payload;
        }

        await using var second = await GatewayUnderTest.StartAsync(settings);
        await Peers.Until(() => second.Log.Checkpoint >= lastBeforeRestart + 5, "second boot delivers new records");

        // The second boot's first record takes the very next seq (none reused, none skipped). NextSeq right after
        // StartAsync would race the loops, which may already have recorded by the time StartAsync returns.
        Assert.Equal(lastBeforeRestart + 1, second.Log.ReadAfter(lastBeforeRestart, 1).Single().Seq);
        long upTo = second.Log.Checkpoint;
        await Peers.Until(() => Central.Missing(upTo).Count == 0, $"seq 1..{upTo} delivered across the restart");

        Assert.Empty(Central.Reused());
        Assert.Contains("\"offline\"", bootId1, StringComparison.Ordinal);
        Assert.Contains(Central.Messages, m => m.Topic == "edge/hil-gw-3/status" && m.Payload.Contains("\"online\"", StringComparison.Ordinal) && !m.Payload.Equals(bootId1, StringComparison.Ordinal));
    }
}
