using System.Text;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Tests.Support;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Sync.Tests.Uplink;

[Trait("Category", "Unit")]
public sealed class MqttUplinkTests
{
    [Fact]
    public async Task ExecuteAsync_ConnectFails_BacksOffWithGrowingDelaysBeforeReconnecting()
    {
        await using var h = new UplinkHarness();
        h.Transport.FailConnects = 3;
        await h.StartAsync();

        TimeSpan previous = TimeSpan.Zero;
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(attempt, await h.Transport.NextConnectAsync());
            var delay = await h.WaitBackoffAsync();
            Assert.Equal(UplinkState.Backoff, h.Uplink.Status.State);
            Assert.Contains("connection refused", h.Uplink.Status.LastError);
            Assert.True(delay >= UplinkHarness.ReconnectDelay, $"attempt {attempt} retries after {delay}, before the configured {UplinkHarness.ReconnectDelay}");
            Assert.True(delay > previous, $"attempt {attempt} waits {delay}, not more than the previous {previous}");
            previous = delay;

            // Just short of the back-off nothing may happen; the timer is the only way forward.
            h.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.Equal(attempt, h.Transport.ConnectCalls);
            h.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(4, await h.Transport.NextConnectAsync());
        var status = await h.Transport.NextPublishAsync();
        Assert.Equal("online", status.State);
        await h.WaitIdleAsync();
        Assert.Equal(UplinkState.Online, h.Uplink.Status.State);
        Assert.Equal(4, h.Uplink.Status.ConnectAttempts);
        Assert.Null(h.Uplink.Status.LastError);
    }

    [Fact]
    public async Task ExecuteAsync_Connected_PublishesRetainedStatusAndMetaThenBacklogEventsThenItsTelemetry()
    {
        await using var h = new UplinkHarness(maxInFlight: 2);
        h.Append(1, 5);
        await h.StartAsync();

        var calls = await h.Transport.NextPublishesAsync(7);
        await h.WaitIdleAsync();

        Assert.Equal(("edge/gw-1/status", "offline"), (h.Transport.Will!.Value.Topic, new PublishCall(new("t", h.Transport.Will.Value.Payload)).State));
        Assert.Equal(["edge/gw-1/cmd/+"], h.Transport.Subscriptions);
        var status = calls[0];
        Assert.Equal("edge/gw-1/status", status.Message.Topic);
        Assert.True(status.Message.Retain);
        Assert.Equal(1, status.Message.QoS);
        Assert.Equal("online", status.State);
        Assert.Equal("gw-1", status.Json!.Value.GetProperty("gatewayId").GetString());
        Assert.Equal("1.2.3", status.Json!.Value.GetProperty("version").GetString());
        Assert.Equal("boot-1", status.Json!.Value.GetProperty("bootId").GetString());
        Assert.Equal("2026-11-26T16:00:00.000Z", status.Json!.Value.GetProperty("ts").GetString());
        Assert.Equal("edge/gw-1/meta", calls[1].Message.Topic);
        Assert.True(calls[1].Message.Retain);
        Assert.Equal(UplinkHarness.Meta, calls[1].Message.Payload);

        var records = calls.Skip(2).ToList();
        // All five were in the log before the session: a backlog, its events first (CONTRACT.md: order by seq is
        // not the send order while a backlog drains), each marked as coming from the backlog.
        Assert.Equal([2L, 4L, 1L, 3L, 5L], records.Select(c => c.Seq));
        Assert.All(records, c => Assert.Equal(c.Seq % 2 == 1 ? "edge/gw-1/telemetry" : "edge/gw-1/events", c.Message.Topic));
        Assert.All(records, c => Assert.True(c.Json!.Value.GetProperty("backlog").GetBoolean()));
        Assert.All(records, c => Assert.Equal((1, false), (c.Message.QoS, c.Message.Retain)));
        Assert.All(records, c => Assert.Equal("gw-1", c.Json!.Value.GetProperty("gatewayId").GetString()));
        Assert.Equal(5, h.Log.Checkpoint);
        Assert.Equal(5, h.Uplink.Status.Published);
        Assert.Equal(UplinkState.Online, h.Uplink.Status.State);
        Assert.Equal(h.Time.GetUtcNow(), h.Uplink.Status.LastConnected);
        Assert.Empty(h.Logger.Errors);
    }

    [Fact]
    public async Task ExecuteAsync_RecordCommittedDuringBacklogDrain_GoesOutBeforeTheRestOfTheBacklog()
    {
        await using var h = new UplinkHarness(maxInFlight: 2);
        h.Transport.Outcome = c => c.Seq is 1 or 2 ? null : PublishOutcome.Acked;
        h.AppendTelemetry(1, 6);
        await h.StartAsync();
        var first = await h.Transport.NextPublishesAsync(4);

        // While the backlog's first two are in flight, a fresh batch is committed: it is live.
        h.AppendTelemetry(7, 7);
        first[2].Complete(PublishOutcome.Acked);
        first[3].Complete(PublishOutcome.Acked);
        var rest = await h.Transport.NextPublishesAsync(5);
        await h.WaitIdleAsync();

        Assert.Equal([1L, 2L], first.Skip(2).Select(c => c.Seq));
        Assert.Equal([7L, 3L, 4L, 5L, 6L], rest.Select(c => c.Seq));
        Assert.False(rest[0].Json!.Value.TryGetProperty("backlog", out _));
        Assert.All(first.Skip(2).Concat(rest.Skip(1)), c => Assert.True(c.Json!.Value.GetProperty("backlog").GetBoolean()));
        Assert.Equal(7, h.Log.Checkpoint);
        Assert.Equal((0, (DateTimeOffset?)null), h.Log.Unsent());
    }

    [Fact]
    public async Task ExecuteAsync_LiveRecordOvertakesHeldBacklog_CheckpointCoversBothOnceAcked()
    {
        await using var h = new UplinkHarness(maxInFlight: 2);
        h.Transport.Outcome = c => c.Seq is 2 ? null : PublishOutcome.Acked;
        h.AppendTelemetry(1, 2);
        await h.StartAsync();
        var first = await h.Transport.NextPublishesAsync(4);
        h.AppendTelemetry(3, 3);
        first[3].Complete(PublishOutcome.Acked);
        var live = await h.Transport.NextPublishesAsync(1);
        await h.WaitIdleAsync();

        Assert.Equal([3L], live.Select(c => c.Seq));
        Assert.Equal(3, h.Log.Checkpoint);

        // A backlog record held while a live one is committed: the live one goes ahead of the rest of the backlog.
        await using var g = new UplinkHarness(maxInFlight: 1);
        g.Transport.Outcome = c => c.Seq is 1 ? null : PublishOutcome.Acked;
        g.AppendTelemetry(1, 2);
        await g.StartAsync();
        var held = await g.Transport.NextPublishesAsync(3);
        g.AppendTelemetry(3, 3);
        held[2].Complete(PublishOutcome.Acked);
        var next = await g.Transport.NextPublishesAsync(2);
        await g.WaitIdleAsync();
        Assert.Equal([1L, 3L, 2L], held.Skip(2).Concat(next).Select(c => c.Seq));
        Assert.Equal(3, g.Log.Checkpoint);
    }

    [Fact]
    public async Task ExecuteAsync_RecordAppendedWhileIdle_PublishesItWithoutWaitingForKeepAlive()
    {
        await using var h = new UplinkHarness();
        await h.StartAsync();
        await h.Transport.NextPublishesAsync(2);
        await h.WaitIdleAsync();

        h.Append(1, 2);

        var calls = await h.Transport.NextPublishesAsync(2);
        await h.WaitIdleAsync();
        Assert.Equal([1L, 2L], calls.Select(c => c.Seq));
        Assert.Equal(2, h.Log.Checkpoint);
        Assert.Equal((0, (DateTimeOffset?)null), h.Log.Unsent());
    }

    [Fact]
    public async Task ExecuteAsync_AckHeldBack_CheckpointStaysBehindIt()
    {
        await using var h = new UplinkHarness();
        h.Transport.Outcome = c => c.Seq == 2 ? null : PublishOutcome.Acked;
        h.AppendTelemetry(1, 3);
        await h.StartAsync();

        var calls = await h.Transport.NextPublishesAsync(5);

        // seq 1 and 3 are acknowledged, 2 is not: the checkpoint must not pass 1, so 2 and 3 stay unsent.
        Assert.Equal([1L, 2L, 3L], calls.Skip(2).Select(c => c.Seq));
        Assert.True(h.Log.Checkpoint < 2, $"checkpoint {h.Log.Checkpoint} passed the unacknowledged seq 2");
        Assert.True(h.Log.Unsent().Count >= 2);

        calls[3].Complete(PublishOutcome.Acked);
        await h.WaitIdleAsync();
        Assert.Equal(3, h.Log.Checkpoint);
    }

    [Fact]
    public async Task ExecuteAsync_RestartedOverDeliveredLog_SendsOnlyWhatIsUnsent()
    {
        await using var h = new UplinkHarness();
        h.Transport.Outcome = c => c.Seq == 3 ? null : PublishOutcome.Acked;
        h.AppendTelemetry(1, 4);
        await h.StartAsync();
        await h.Transport.NextPublishesAsync(6);
        await h.Uplink.StopAsync(CancellationToken.None).Bounded();
        long checkpoint = h.Log.Checkpoint;
        Assert.True(checkpoint < 3, $"checkpoint {checkpoint} passed 3, which was never acknowledged");

        var transport = new FakeUplinkTransport();
        using var restarted = h.NewUplink(transport);
        await restarted.StartAsync(CancellationToken.None);
        var calls = await transport.NextPublishesAsync(2 + 4 - (int)checkpoint);
        await h.WaitIdleAsync();
        await restarted.StopAsync(CancellationToken.None).Bounded();

        // Resumes right after the stored checkpoint: nothing acknowledged is lost, nothing unacknowledged skipped.
        Assert.Equal(Enumerable.Range((int)checkpoint + 1, 4 - (int)checkpoint).Select(i => (long?)i), calls.Skip(2).Select(c => c.Seq));
        Assert.Equal(4, h.Log.Checkpoint);
    }

    [Fact]
    public async Task RequestResend_AfterDelivery_RepublishesFromSeqWithoutMovingCheckpointBack()
    {
        await using var h = new UplinkHarness(maxInFlight: 4);
        h.Append(1, 6);
        await h.StartAsync();
        await h.Transport.NextPublishesAsync(2 + 6);
        await h.WaitIdleAsync();

        Assert.True(h.Uplink.RequestResend(4));
        var again = await h.Transport.NextPublishesAsync(3);

        Assert.Equal([4L, 5L, 6L], again.Select(c => c.Seq ?? 0));
        Assert.Equal(6, h.Log.Checkpoint);
    }

    [Fact]
    public async Task ExecuteAsync_TransientOutcome_ReconnectsAndResendsFromCheckpoint()
    {
        await using var h = new UplinkHarness(maxInFlight: 4);
        int failures = 0;
        h.Transport.Outcome = c => c.Seq == 3 && Interlocked.Increment(ref failures) == 1 ? PublishOutcome.Transient : PublishOutcome.Acked;
        h.AppendTelemetry(1, 6);
        await h.StartAsync();

        Assert.Equal(1, await h.Transport.NextConnectAsync());
        var first = await h.Transport.NextPublishesAsync(6);
        Assert.Equal([1L, 2L, 3L, 4L], first.Skip(2).Select(c => c.Seq));

        // The session is given up; reconnecting waits a back-off, not a hot loop.
        var delay = await h.WaitBackoffAsync();
        Assert.Equal(UplinkState.Backoff, h.Uplink.Status.State);
        Assert.Equal(2, h.Log.Checkpoint);
        Assert.Equal(1, h.Transport.ConnectCalls);
        h.Time.Advance(delay);

        Assert.Equal(2, await h.Transport.NextConnectAsync());
        var second = await h.Transport.NextPublishesAsync(6);
        await h.WaitIdleAsync();

        Assert.Equal(["online", null], second.Take(2).Select(c => c.State));
        Assert.Equal([3L, 4L, 5L, 6L], second.Skip(2).Select(c => c.Seq));
        var delivered = h.Transport.Published.Where(c => c.Outcome == PublishOutcome.Acked && c.Seq is not null).Select(c => c.Seq!.Value).ToHashSet();
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), delivered.Order());
        Assert.Equal(6, h.Log.Checkpoint);
        Assert.Equal(UplinkState.Online, h.Uplink.Status.State);
    }

    [Fact]
    public async Task ExecuteAsync_TransientEveryTime_NeverReconnectsWithoutBackoff()
    {
        await using var h = new UplinkHarness();
        h.Transport.Outcome = c => c.Seq is null ? PublishOutcome.Acked : PublishOutcome.Transient;
        h.Append(1, 1);
        await h.StartAsync();

        for (int session = 1; session <= 3; session++)
        {
            Assert.Equal(session, await h.Transport.NextConnectAsync());
            var delay = await h.WaitBackoffAsync();
            Assert.Equal(session, h.Transport.ConnectCalls);
            Assert.True(delay >= UplinkHarness.ReconnectDelay, $"session {session} reconnects after {delay}");
            h.Time.Advance(delay);
        }

        Assert.Equal(0, h.Log.Checkpoint);
    }

    [Fact]
    public async Task ExecuteAsync_InvalidOutcome_DeadLettersRecordAndDeliversTheRest()
    {
        await using var h = new UplinkHarness();
        h.Transport.Outcome = c => c.Seq == 3 ? PublishOutcome.Invalid : PublishOutcome.Acked;
        h.AppendTelemetry(1, 6);
        await h.StartAsync();

        var calls = await h.Transport.NextPublishesAsync(8);
        await h.WaitIdleAsync();

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], calls.Skip(2).Select(c => c.Seq));
        Assert.Equal(6, h.Log.Checkpoint);
        Assert.Equal(1, h.Log.DeadLetterCount);
        Assert.Equal(1, h.Uplink.Status.DeadLettered);
        Assert.Equal(5, h.Uplink.Status.Published);
        Assert.Equal(1, h.Transport.ConnectCalls);
        Assert.Contains(h.Logger.Entries, e => e.Id.Id == 303 && e.Message.Contains('3'));
    }

    [Fact]
    public async Task ExecuteAsync_ThrottledOutcome_BacksOffThenResendsWithoutReconnecting()
    {
        await using var h = new UplinkHarness();
        int throttled = 0;
        h.Transport.Outcome = c => c.Seq == 2 && Interlocked.Increment(ref throttled) == 1 ? PublishOutcome.Throttled : PublishOutcome.Acked;
        h.AppendTelemetry(1, 3);
        await h.StartAsync();

        await h.Transport.NextPublishesAsync(5);
        var delay = await h.WaitBackoffAsync();
        Assert.InRange(delay, UplinkHarness.ReconnectDelay, UplinkHarness.ReconnectDelay * 1.25);
        Assert.Equal(1, h.Log.Checkpoint);
        h.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
        Assert.False(h.Transport.HasPendingPublish);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));

        var resent = await h.Transport.NextPublishesAsync(2);
        await h.WaitIdleAsync();
        Assert.Equal([2L, 3L], resent.Select(c => c.Seq));
        Assert.Equal(3, h.Log.Checkpoint);
        Assert.Equal(1, h.Transport.ConnectCalls);
    }

    [Fact]
    public async Task ExecuteAsync_NotAuthorizedEveryTime_QueueHeldNothingDeadLetteredOneRefusedEvent()
    {
        var recorder = new ListRecorder();
        await using var h = new UplinkHarness(recorder: recorder);
        bool refuse = true;
        h.Transport.Outcome = c => c.Seq > 0 && Volatile.Read(ref refuse) ? PublishOutcome.Refused : PublishOutcome.Acked;
        h.Transport.LastReasonCode = "NotAuthorized";
        h.AppendTelemetry(1, 3);
        await h.StartAsync();

        TimeSpan previous = TimeSpan.Zero;
        for (int round = 0; round < 3; round++)
        {
            await h.Transport.NextPublishesAsync(round == 0 ? 5 : 3);
            var delay = await h.WaitBackoffAsync();
            Assert.True(delay > previous, $"round {round} waits {delay}, not longer than {previous}");
            previous = delay;
            Assert.Equal("NotAuthorized", h.Uplink.Status.Refusal);
            Assert.Equal(0, h.Log.Checkpoint);
            if (round < 2)
            {
                h.Time.Advance(delay);
            }
        }

        Assert.Equal(0, h.Log.DeadLetterCount);
        Assert.Equal(0, h.Uplink.Status.DeadLettered);
        var refused = Assert.Single(recorder.Events);
        Assert.Equal("uplink.refused", refused.Type);
        Assert.Equal("NotAuthorized", refused.Data["reasonCode"]);

        // The ACL is fixed at the broker: the held queue goes out, in order, on the same session.
        Volatile.Write(ref refuse, false);
        h.Time.Advance(previous);
        await h.Transport.NextPublishesAsync(3);
        await h.WaitIdleAsync();
        Assert.Equal(3, h.Log.Checkpoint);
        Assert.Null(h.Uplink.Status.Refusal);
        Assert.Equal(1, h.Transport.ConnectCalls);
    }

    [Fact]
    public async Task ExecuteAsync_ConnackRefused_BacksOffWithoutProbingAndSaysWhy()
    {
        var recorder = new ListRecorder();
        await using var h = new UplinkHarness(recorder: recorder);
        h.Transport.FailConnects = 2;
        h.Transport.ConnectFailure = n => new BrokerRefusedException("ServerBusy", "Broker refused the connection: ServerBusy");
        h.Transport.Probe = () => true;
        await h.StartAsync();

        await h.Transport.NextConnectAsync();
        var delay = await h.WaitBackoffAsync();
        Assert.Equal("ServerBusy", h.Uplink.Status.Refusal);
        h.Time.Advance(delay);
        await h.Transport.NextConnectAsync();
        h.Time.Advance(await h.WaitBackoffAsync());
        await h.Transport.NextConnectAsync();
        await h.WaitIdleAsync();

        Assert.Equal(0, h.Transport.ProbeCalls);
        Assert.Equal(UplinkState.Online, h.Uplink.Status.State);
        Assert.Null(h.Uplink.Status.Refusal);
        Assert.Equal("ServerBusy", Assert.Single(recorder.Events).Data["reasonCode"]);
    }

    [Fact]
    public async Task ExecuteAsync_NetworkDownThenBrokerBack_ProbeCutsTheBackoffShort()
    {
        await using var h = new UplinkHarness();
        h.Options.ReconnectDelay = TimeSpan.FromSeconds(30);
        h.Options.ProbeInterval = TimeSpan.FromSeconds(5);
        h.Transport.FailConnects = 1;
        h.Transport.Probe = () => true;
        await h.StartAsync();

        Assert.Equal(1, await h.Transport.NextConnectAsync());
        var gap = await h.WaitBackoffAsync();
        h.Time.Advance(gap);

        Assert.Equal(2, await h.Transport.NextConnectAsync());
        await h.WaitIdleAsync();
        Assert.InRange(gap, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(7.5));
        Assert.Equal(1, h.Transport.ProbeCalls);
        Assert.Equal(UplinkState.Online, h.Uplink.Status.State);
    }

    [Fact]
    public async Task StopAsync_Online_PublishesRetainedOfflineAndDisconnects()
    {
        await using var h = new UplinkHarness();
        await h.StartAsync();
        await h.Transport.NextPublishesAsync(2);
        await h.WaitIdleAsync();

        await h.Uplink.StopAsync(CancellationToken.None).Bounded();

        var last = h.Transport.Published.Last();
        Assert.Equal(("edge/gw-1/status", "offline", true, 1), (last.Message.Topic, last.State, last.Message.Retain, last.Message.QoS));
        Assert.Equal(1, h.Transport.DisconnectCalls);
        Assert.False(h.Transport.IsConnected);
        Assert.Equal(UplinkState.Stopped, h.Uplink.Status.State);
        Assert.Empty(h.Logger.Errors);
    }

    [Fact]
    public async Task StopAsync_NeverConnected_StopsWithoutPublishing()
    {
        await using var h = new UplinkHarness();
        h.Transport.FailConnects = int.MaxValue;
        await h.StartAsync();
        await h.Transport.NextConnectAsync();
        await h.WaitBackoffAsync();

        await h.Uplink.StopAsync(CancellationToken.None).Bounded();

        Assert.Empty(h.Transport.Published);
        Assert.Equal(0, h.Transport.DisconnectCalls);
        Assert.Equal(UplinkState.Stopped, h.Uplink.Status.State);
    }

    [Fact]
    public async Task Received_Command_IsHandledAndResponsePublished()
    {
        await using var h = new UplinkHarness();
        await h.StartAsync();
        await h.Transport.NextPublishesAsync(2);
        await h.WaitIdleAsync();
        byte[] correlation = [1, 2, 3];
        var request = new InboundMessage("edge/gw-1/cmd/diag.ping", "{}"u8.ToArray(), "central/replies/7", correlation);

        await h.Transport.ReceiveAsync(request);

        Assert.Same(request, await h.Commands.NextHandledAsync());
        var response = await h.Transport.NextPublishAsync();
        Assert.Equal("central/replies/7", response.Message.Topic);
        Assert.Equal(correlation, response.Message.CorrelationData);
        Assert.True(response.Json!.Value.GetProperty("ok").GetBoolean());
        Assert.Equal("""{"ok":true,"result":{"uptimeS":1}}""", Encoding.UTF8.GetString(response.Message.Payload));
    }

    [Fact]
    public async Task TryPublishAsync_Offline_ReturnsFalseWithoutPublishing()
    {
        await using var h = new UplinkHarness();

        bool sent = await h.Uplink.TryPublishAsync(new OutboundMessage("edge/gw-1/health", "{}"u8.ToArray(), 0), CancellationToken.None);

        Assert.False(sent);
        Assert.Empty(h.Transport.Published);
    }

    private sealed class ListRecorder : EdgeGateway.Sync.Recording.IRecorder
    {
        public List<EdgeGateway.Contracts.GatewayEvent> Events { get; } = [];

        public void Record(EdgeGateway.Contracts.Reading reading)
        {
        }

        public void Record(EdgeGateway.Contracts.GatewayEvent gatewayEvent)
        {
            lock (Events)
            {
                Events.Add(gatewayEvent);
            }
        }
    }
}
