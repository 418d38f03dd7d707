using EdgeGateway.Contracts;
using EdgeGateway.Sync.Json;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Tests.Support;
using Xunit.Abstractions;

namespace EdgeGateway.Sync.Tests.Log;

/// <summary>The budget bounds the files on the disk, and uses them: an outage (nothing acknowledged) with real
/// telemetry batches and events, pruned after every commit as the recorder does.</summary>
[Trait("Category", "Integration")]
public sealed class LogBudgetTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1L << 20)]
    [InlineData(8L << 20)]
    public void Append_OutageFillsBudget_DiskStaysWithinBudgetAndIsUsedBeforeDropping(long maxBytes)
    {
        using var log = new DurableLog(new DurableLogOptions { Path = _folder.File(), MaxBytes = maxBytes });
        long peak = 0, beforeFirstDrop = 0;
        int droppedTelemetry = 0, droppedEvents = 0, events = 0;
        var t = SignallingTimeProvider.Origin;
        // Commits until the budget first drops, then as many again (bounded): it is filled more than twice over.
        int batches = 0, firstDropAt = 0;
        var random = new Random(42);
        for (int commit = 0; commit < 20_000 && (firstDropAt == 0 || commit < 2 * firstDropAt); commit++)
        {
            // One second of a busy cabinet: five batches of 200 or 20 readings, now and then an event.
            var entries = Enumerable.Range(0, 5).Select(i => Batch(random, t.AddMilliseconds(i), (commit + i) % 2 == 0 ? 200 : 20)).ToList();
            batches += entries.Count;
            if (commit % 3 == 0)
            {
                entries.Add(Event(t, commit));
                events++;
            }

            log.Append(entries);
            var pruned = log.Prune();
            if (pruned.LostData && firstDropAt == 0)
            {
                beforeFirstDrop = peak;
                firstDropAt = commit;
            }

            droppedTelemetry += pruned.UnsentTelemetryDropped;
            droppedEvents += pruned.UnsentEventsDropped;
            peak = Math.Max(peak, log.BytesOnDisk);
            t = t.AddSeconds(1);
        }

        output.WriteLine($"budget {maxBytes}: peak on disk {peak}, before the first drop {beforeFirstDrop}, dropped {droppedTelemetry} batches, {log.Flushes} flushes");

        // Within the budget plus a 5 % margin (LiteDB's page fill varies with record sizes).
        Assert.True(peak <= maxBytes + (maxBytes / 20), $"disk use peaked at {peak} bytes for a budget of {maxBytes}");
        Assert.True(beforeFirstDrop >= maxBytes * 6 / 10, $"only {beforeFirstDrop} of {maxBytes} bytes used before the first drop");

        // Events last: every event survives while telemetry is dropped, and the drop count is exact.
        Assert.True(droppedTelemetry > 0);
        Assert.Equal(0, droppedEvents);
        var kept = log.ReadAfter(0, 1_000_000);
        Assert.Equal(events, kept.Count(r => r.Kind == RecordKind.Event));
        Assert.Equal(batches + events - droppedTelemetry, kept.Count);
    }

    // Meter readings as a cabinet sends them: ten meters' points, each value its own (noise does not compress).
    private static LogEntry Batch(Random random, DateTimeOffset t, int readings)
    {
        var list = Enumerable.Range(0, readings)
            .Select(i => new Reading($"meter{i % 10}.r{i / 10}", t.AddMilliseconds(i * 5), Math.Round(200 + (random.NextDouble() * 50), 2), Quality.Good)).ToList();
        return new LogEntry(RecordKind.Telemetry, t, PayloadWriter.TelemetryBody(list), "meter");
    }

    private static LogEntry Event(DateTimeOffset t, int n)
    {
        var e = new GatewayEvent("door.opened", "cab1", Severity.Warning, t, new Dictionary<string, object?> { ["n"] = n });
        return new LogEntry(RecordKind.Event, t, PayloadWriter.EventBody(e), e.Type);
    }
}
