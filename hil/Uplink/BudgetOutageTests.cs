using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EdgeGateway.Hil.Uplink;

/// <summary>The byte budget exhausted during an outage, through the whole gateway and a real Mosquitto: telemetry is
/// dropped oldest first, every event arrives, and the <c>log.dropped</c> counts match the seqs that never arrive.</summary>
[Trait("Category", "Hil")]
public sealed class BudgetOutageTests(ITestOutputHelper output) : BrokerTestBase
{
    [SkippableFact]
    public async Task Run_BudgetExhaustedDuringOutage_EveryEventArrivesAndDropCountsAreExact()
    {
        var settings = GatewayUnderTest.Settings("hil-budget", Broker.Port, Path.Combine(Folder, "log.db"));
        settings["EdgeGateway:Storage:MaxBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["EdgeGateway:Recorder:MaxBatchAge"] = "00:00:01";
        await using var gateway = await GatewayUnderTest.StartAsync(settings);
        await Peers.Until(() => gateway.Log.Checkpoint >= 3, "first records acknowledged");
        await Broker.StopAsync();

        // Three budgets' worth of meter readings (noisy values, as meters give) and 300 events while the broker is away.
        var recorder = gateway.Services.GetRequiredService<IRecorder>();
        var random = new Random(9);
        const int Markers = 300;
        for (int round = 0; round < Markers; round++)
        {
            var now = gateway.Time.GetUtcNow();
            for (int i = 0; i < 1000; i++)
            {
                recorder.Record(new Reading($"meter{i % 10}.r{i / 10 % 20}", now, Math.Round(200 + (random.NextDouble() * 50), 2), Quality.Good));
            }

            recorder.Record(new GatewayEvent("test.marker", "hil", Severity.Info, now, new Dictionary<string, object?> { ["n"] = round }));
            await Task.Yield();
        }

        // Everything recorded is in the log (events are never pruned while telemetry is left) before the broker returns,
        // and so is the drop notice: a recorder that fell behind commits the whole outage as one burst, and its
        // log.dropped event is appended after that burst's last prune, i.e. after the last marker (no drop: times out).
        await Peers.Until(() => LastMarker(gateway) == Markers - 1 && DroppedRecords(gateway) > 0,
            "the recorder committed the outage's records and the budget's log.dropped notice", TimeSpan.FromSeconds(60));
        long peak = gateway.Log.BytesOnDisk;
        output.WriteLine($"accounted {gateway.Log.TotalBytes} bytes in {gateway.Log.ReadAfter(0, 1_000_000).Count} records at the peak");
        await Broker.StartAsync();
        await Central.ConnectAsync();
        await Peers.Until(() => gateway.Uplink.Status.State == UplinkState.Online && gateway.Log.Unsent().Count == 0
            && Markers == MarkersReceived(), "the backlog drained", TimeSpan.FromSeconds(120));

        // Every event arrived, and the seqs that never arrived are exactly the telemetry the log.dropped events count.
        var events = Central.BySeq.Values.Select(p => JsonDocument.Parse(p.First()).RootElement)
            .Where(e => e.TryGetProperty("type", out _)).ToList();
        int markers = MarkersReceived();
        var dropped = events.Where(e => e.GetProperty("type").GetString() == "log.dropped").ToList();
        int droppedTelemetry = dropped.Sum(e => e.GetProperty("data").GetProperty("telemetry").GetInt32());
        int droppedEvents = dropped.Sum(e => e.GetProperty("data").GetProperty("events").GetInt32());
        long highest = Central.BySeq.Keys.Max();
        var missing = Central.Missing(highest);
        output.WriteLine($"{Markers} events sent, {markers} arrived; {dropped.Count} log.dropped events count {droppedTelemetry} telemetry batches; "
            + $"{missing.Count} seqs below {highest} never arrived; log files {peak} bytes on disk at the end of the outage "
            + $"(data {new FileInfo(Path.Combine(Folder, "log.db")).Length}, journal {new FileInfo(Path.Combine(Folder, "log-log.db")).Length} now)");

        Assert.Equal(Markers, markers);
        Assert.Equal(0, droppedEvents);
        Assert.True(droppedTelemetry > 0);
        Assert.Equal(droppedTelemetry, missing.Count);
        Assert.Empty(Central.Reused());
        // The stated margin: a burst may briefly hold a large prune in the journal before LiteDB checkpoints it.
        Assert.True(peak <= 1024 * 1024 * 6 / 5, $"{peak} bytes on disk for a 1 MiB budget");
    }

    private int MarkersReceived() => Central.BySeq.Values.Select(p => JsonDocument.Parse(p.First()).RootElement)
        .Where(e => e.TryGetProperty("type", out var t) && t.GetString() == "test.marker")
        .Select(e => e.GetProperty("data").GetProperty("n").GetInt32()).Distinct().Count();

    private static int LastMarker(GatewayUnderTest gateway) => gateway.Log.ReadAfter(gateway.Log.Checkpoint, 1_000_000)
        .Where(r => r.Tag == "test.marker").Select(r => JsonDocument.Parse("{" + r.Body + "}").RootElement.GetProperty("data").GetProperty("n").GetInt32())
        .DefaultIfEmpty(-1).Max();

    // log.dropped events recorded so far (read from the log itself, which still holds them: the broker is away).
    private static int DroppedRecords(GatewayUnderTest gateway) =>
        gateway.Log.ReadAfter(gateway.Log.Checkpoint, 1_000_000).Count(r => r.Tag == "log.dropped");
}
