using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace EdgeGateway.Hil.Uplink;

/// <summary>A backlog of 1,000,000 readings (and 100 events) recorded while Mosquitto is down, then the broker returns while
/// fresh readings keep coming: the backlog's events arrive first, fresh readings arrive while the history still drains
/// (not behind it), and every reading arrives. Asserted on the order of arrival at a real subscriber; the times (reconnect,
/// drain, age of fresh readings at arrival) are figures for the README, not assertions.</summary>
[Trait("Category", "Hil")]
public sealed class LiveBeforeHistoryTests(ITestOutputHelper output) : BrokerTestBase
{
    private const int History = 1_000_000;
    private const int Markers = 100;

    [SkippableFact]
    public async Task Run_BrokerReturnsToALargeBacklog_EventsFirstThenLiveReadingsOvertakeTheHistory()
    {
        var settings = GatewayUnderTest.Settings("hil-live", Broker.Port, Path.Combine(Folder, "log.db"), timeScale: 1);
        settings["EdgeGateway:Storage:MaxBytes"] = (512L * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        settings["EdgeGateway:Mqtt:MaxReconnectDelay"] = "00:01:00";
        settings["EdgeGateway:Recorder:MaxBatchAge"] = "00:00:01";
        await using var gateway = await GatewayUnderTest.StartAsync(settings);
        var recorder = gateway.Services.GetRequiredService<IRecorder>();
        await Peers.Until(() => gateway.Uplink.Status.State == UplinkState.Online, "online");

        await using var subscriber = new TimedSubscriber(Broker.Port);
        await subscriber.ConnectAsync();
        await Broker.StopAsync();
        await Peers.Until(() => gateway.Uplink.Status.State != UplinkState.Online, "the gateway noticed the outage");

        // The outage's history: 5,000 batches of 200 meter readings and 100 events between them.
        var clock = Stopwatch.StartNew();
        var now = gateway.Time.GetUtcNow();
        for (int n = 0; n < History; n++)
        {
            recorder.Record(new Reading("hist.value", now, n, Quality.Good));
            if (n % (History / Markers) == 0)
            {
                recorder.Record(new GatewayEvent("test.marker", "hil", Severity.Info, now, new Dictionary<string, object?> { ["n"] = n / (History / Markers) }));
                await Task.Yield();
            }
        }

        recorder.Record(new GatewayEvent("test.end", "hil", Severity.Info, now, new Dictionary<string, object?>()));
        // Committed: the end marker, and the batch holding the last reading (it may close by age after the marker).
        await Peers.Until(() => gateway.Log.ReadEvents(0, long.MaxValue, 1000).Any(r => r.Tag == "test.end")
            && gateway.Log.ReadAfter(Math.Max(0, gateway.Log.LastDurableSeq - 10), 20).Any(r => r.Body.Contains($"\"value\":{History - 1},", StringComparison.Ordinal)),
            "the outage's records committed", TimeSpan.FromSeconds(120));
        var recorded = clock.Elapsed;
        long backlogEnd = gateway.Log.LastDurableSeq;

        // Fresh readings from now on, 200 a second (load generation at a fixed rate, not a test wait).
        using var stop = new CancellationTokenSource();
        var live = Task.Run(async () =>
        {
            long sent = 0;
            var started = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                for (long due = (long)(started.Elapsed.TotalSeconds * 200); sent < due; sent++)
                {
                    recorder.Record(new Reading("live.value", gateway.Time.GetUtcNow(), sent, Quality.Good));
                }

                await Task.Delay(10);
            }

            return sent;
        });

        await Peers.Until(() => !subscriber.IsConnected, "the subscriber noticed the outage");
        await Broker.StartAsync();
        var up = clock.Elapsed;
        await subscriber.ConnectAsync();
        await Peers.Until(() => gateway.Uplink.Status.State == UplinkState.Online, "back online", TimeSpan.FromSeconds(120));
        var online = clock.Elapsed;
        await Peers.Until(() => subscriber.HistoryValues() >= History, "the history delivered", TimeSpan.FromSeconds(300));
        await stop.CancelAsync();
        long liveSent = await live;
        await Peers.Until(() => subscriber.LiveValues() >= liveSent, "every fresh reading delivered", TimeSpan.FromSeconds(60));

        var arrivals = subscriber.Arrivals.ToList();
        int firstHistory = arrivals.FindIndex(a => a.Payload.Contains("hist.value", StringComparison.Ordinal));
        int lastHistory = arrivals.FindLastIndex(a => a.Payload.Contains("hist.value", StringComparison.Ordinal));
        int lastMarker = arrivals.FindLastIndex(a => a.Payload.Contains("test.marker", StringComparison.Ordinal));
        var liveDuringDrain = arrivals.Select((a, i) => (a, i)).Where(x => x.i > firstHistory && x.i < lastHistory && x.a.Payload.Contains("live.value", StringComparison.Ordinal)).ToList();
        var ages = liveDuringDrain.SelectMany(x => Ages(x.a)).Order().ToList();
        var drain = arrivals[lastHistory].At - arrivals[firstHistory].At;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{History} readings and {Markers} events recorded in {recorded.TotalSeconds:F1} s while the broker was down (backlog up to seq {backlogEnd}); "
            + $"online {(online - up).TotalSeconds:F1} s after the broker came back; history drained in {drain.TotalSeconds:F1} s; "
            + $"{liveDuringDrain.Count} fresh batches arrived during the drain, readings {(ages.Count > 0 ? ages[ages.Count / 2] : 0):F0} ms old at arrival (p50), "
            + $"{(ages.Count > 0 ? ages[(int)((ages.Count - 1) * 0.99)] : 0):F0} ms (p99), {(ages.Count > 0 ? ages[^1] : 0):F0} ms (max); "
            + $"{arrivals.Count} messages, {liveSent} fresh readings"));

        Assert.True(firstHistory >= 0, "no history arrived");
        Assert.True(lastMarker < firstHistory, $"backlog event at {lastMarker} after the first history batch at {firstHistory}");
        Assert.NotEmpty(liveDuringDrain);
        Assert.All(arrivals.Where(a => a.Payload.Contains("hist.value", StringComparison.Ordinal)), a => Assert.Contains("\"backlog\":true", a.Payload, StringComparison.Ordinal));
        Assert.All(liveDuringDrain, x => Assert.DoesNotContain("\"backlog\"", x.a.Payload, StringComparison.Ordinal));
        Assert.Equal(Markers, subscriber.Markers());
        Assert.Equal(History, subscriber.HistoryValues());
        Assert.Equal(liveSent, subscriber.LiveValues());
        Assert.Equal(0, gateway.Log.Unsent().Count);
    }

    // Milliseconds between each fresh reading's time stamp and its arrival.
    private static IEnumerable<double> Ages((DateTimeOffset At, string Payload) arrival)
    {
        using var doc = JsonDocument.Parse(arrival.Payload);
        return [.. doc.RootElement.GetProperty("readings").EnumerateArray()
            .Select(r => (arrival.At - DateTimeOffset.Parse(r.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture)).TotalMilliseconds)];
    }

    /// <summary>A central consumer that keeps each message with the time it arrived, in order.</summary>
    private sealed class TimedSubscriber(int port) : IAsyncDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        private readonly string _clientId = "hil-timed-" + Guid.NewGuid().ToString("N")[..8];
        private readonly ConcurrentDictionary<long, byte> _history = new();
        private readonly ConcurrentDictionary<long, byte> _live = new();
        private readonly ConcurrentDictionary<long, byte> _markers = new();
        private bool _hooked;

        public ConcurrentQueue<(DateTimeOffset At, string Payload)> Arrivals { get; } = new();

        public bool IsConnected => _client.IsConnected;

        public int HistoryValues() => _history.Count;

        public long LiveValues() => _live.Count;

        public int Markers() => _markers.Count;

        public async Task ConnectAsync()
        {
            if (!_hooked)
            {
                _hooked = true;
                _client.ApplicationMessageReceivedAsync += e =>
                {
                    var at = DateTimeOffset.UtcNow;
                    string payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
                    if (e.ApplicationMessage.Topic.EndsWith("/telemetry", StringComparison.Ordinal) || e.ApplicationMessage.Topic.EndsWith("/events", StringComparison.Ordinal))
                    {
                        Arrivals.Enqueue((at, payload));
                        Count(payload);
                    }

                    return Task.CompletedTask;
                };
            }

            await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(_clientId)
                .WithCleanStart(false).WithSessionExpiryInterval(3600).Build());
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic("edge/hil-live/+").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }

            _client.Dispose();
        }

        private void Count(string payload)
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            if (root.TryGetProperty("readings", out var readings))
            {
                foreach (var r in readings.EnumerateArray())
                {
                    string? point = r.GetProperty("point").GetString();
                    if (point == "hist.value")
                    {
                        _history.TryAdd(r.GetProperty("value").GetInt64(), 0);
                    }
                    else if (point == "live.value")
                    {
                        _live.TryAdd(r.GetProperty("value").GetInt64(), 0);
                    }
                }
            }
            else if (root.GetProperty("type").GetString() == "test.marker")
            {
                _markers.TryAdd(root.GetProperty("data").GetProperty("n").GetInt64(), 0);
            }
        }
    }
}
