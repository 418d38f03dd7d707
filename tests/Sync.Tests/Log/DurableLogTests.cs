using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Tests.Support;

namespace EdgeGateway.Sync.Tests.Log;

[Trait("Category", "Unit")]
public sealed class DurableLogTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<DurableLog> _opened = [];

    public void Dispose()
    {
        foreach (var log in _opened)
        {
            log.Dispose();
        }

        _folder.Dispose();
    }

    [Fact]
    public void Append_EmptyLog_AssignsContiguousSeqsFromOne()
    {
        var log = Open();

        var first = log.Append([Entries.Telemetry(1), Entries.Event(2)]);
        var second = log.Append([Entries.Telemetry(3)]);

        Assert.Equal([1L, 2L], first);
        Assert.Equal([3L], second);
        Assert.Equal(4, log.NextSeq);
        Assert.Equal([1L, 2L, 3L], log.ReadAfter(0, 100).Select(r => r.Seq));
    }

    [Fact]
    public void Append_ManyEntries_RaisesAppendedOnceAndStoresAll()
    {
        var log = Open();
        int appended = 0;
        log.Appended += () => appended++;

        log.Append(Enumerable.Range(1, 50).Select(Entries.Telemetry).ToList());

        Assert.Equal(1, appended);
        Assert.Equal(50, log.ReadAfter(0, 1000).Count);
        Assert.Equal(50L * Entries.Size, log.TotalBytes);
    }

    [Fact]
    public void Append_OneEntryOverBudget_WritesNothingOfTheCall()
    {
        var log = Open(recordBytes: 1000);
        var tooBig = new LogEntry(RecordKind.Event, SignallingTimeProvider.Origin, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(1500)), "big");
        int appended = 0;
        log.Appended += () => appended++;

        var ex = Assert.Throws<StorageFullException>(() => log.Append([Entries.Telemetry(1), Entries.Telemetry(2), tooBig]));

        Assert.Contains("exceeds the log budget", ex.Message);
        Assert.Empty(log.ReadAfter(0, 100));
        Assert.Equal(1, log.NextSeq);
        Assert.Equal(0, log.TotalBytes);
        Assert.Equal(0, appended);

        // The refused call used no seq: the next append still starts at 1.
        Assert.Equal([1L], log.Append([Entries.Telemetry(3)]));
    }

    [Fact]
    public void ReadAfter_Limit_ReturnsNextBatchInSeqOrder()
    {
        var log = Open();
        log.Append(Enumerable.Range(1, 10).Select(i => i % 3 == 0 ? Entries.Event(i) : Entries.Telemetry(i)).ToList());

        var batch = log.ReadAfter(4, 3);

        Assert.Equal([5L, 6L, 7L], batch.Select(r => r.Seq));
        Assert.Equal(RecordKind.Event, batch[1].Kind);
        Assert.Equal(RecordKind.Telemetry, batch[0].Kind);
        Assert.Empty(log.ReadAfter(10, 3));
    }

    [Fact]
    public void Commit_LowerSeq_NeverMovesCheckpointBack()
    {
        var log = Open();
        log.Append(Enumerable.Range(1, 5).Select(Entries.Telemetry).ToList());

        log.Commit(3);
        log.Commit(2);

        Assert.Equal(3, log.Checkpoint);
        log.Commit(5);
        Assert.Equal(5, log.Checkpoint);
    }

    [Fact]
    public void Constructor_Reopened_ContinuesSeqAndKeepsCheckpointAndRecords()
    {
        var first = Open();
        first.Append(Enumerable.Range(1, 4).Select(Entries.Telemetry).ToList());
        first.Commit(2);
        Close(first);

        var reopened = Open();

        Assert.Equal(5, reopened.NextSeq);
        Assert.Equal(2, reopened.Checkpoint);
        Assert.Equal(4L * Entries.Size, reopened.TotalBytes);
        Assert.Equal([3L, 4L], reopened.ReadAfter(reopened.Checkpoint, 10).Select(r => r.Seq));
        Assert.Equal([5L], reopened.Append([Entries.Event(5)]));
    }

    [Fact]
    public void Append_AfterEveryRecordPrunedAndReopened_NeverReusesSeq()
    {
        // A budget of exactly one record: pruning frees down to 90 %, which leaves nothing.
        var first = Open(recordBytes: Entries.Size);
        first.Append([Entries.Telemetry(1), Entries.Telemetry(2), Entries.Event(3)]);
        first.Commit(3);
        var pruned = first.Prune();
        Assert.Equal(new PruneResult(3, 0, 0), pruned);
        Assert.Empty(first.ReadAfter(0, 10));
        Close(first);

        var reopened = Open(recordBytes: Entries.Size);

        Assert.Equal(4, reopened.NextSeq);
        Assert.Equal([4L], reopened.Append([Entries.Telemetry(4)]));
    }

    [Fact]
    public void Prune_OverBudget_RemovesSentFirstThenUnsentTelemetryOldestFirst()
    {
        var log = Open(recordBytes: 1000);
        RecordKind[] kinds = [RecordKind.Telemetry, RecordKind.Event, RecordKind.Telemetry, RecordKind.Event,
            RecordKind.Telemetry, RecordKind.Telemetry, RecordKind.Event, RecordKind.Telemetry];
        log.Append(kinds.Select((k, i) => Entries.Make(k, i + 1)).ToList());
        log.Commit(2);

        var result = log.Prune();

        // 8 × 200 = 1600 bytes against a target of 900: sent 1 and 2 go, then unsent telemetry 3 and 5.
        Assert.Equal(new PruneResult(SentRemoved: 2, UnsentTelemetryDropped: 2, UnsentEventsDropped: 0), result);
        Assert.True(result.LostData);
        Assert.Equal([4L, 6L, 7L, 8L], log.ReadAfter(0, 100).Select(r => r.Seq));
        Assert.Equal(800, log.TotalBytes);
        Assert.Equal(2, log.Checkpoint);
    }

    [Fact]
    public void Prune_OnlyEventsLeftOverBudget_DropsEventsLastOldestFirst()
    {
        var log = Open(recordBytes: 1000);
        RecordKind[] kinds = [RecordKind.Event, RecordKind.Event, RecordKind.Telemetry, RecordKind.Event, RecordKind.Event, RecordKind.Event];
        log.Append(kinds.Select((k, i) => Entries.Make(k, i + 1)).ToList());

        var result = log.Prune();

        Assert.Equal(new PruneResult(0, 1, 1), result);
        Assert.Equal([2L, 4L, 5L, 6L], log.ReadAfter(0, 100).Select(r => r.Seq));
    }

    [Fact]
    public void Prune_SentRecordsSuffice_LosesNoUnsentData()
    {
        var log = Open(recordBytes: 1000);
        log.Append(Enumerable.Range(1, 6).Select(Entries.Telemetry).ToList());
        log.Commit(4);

        var result = log.Prune();

        Assert.Equal(new PruneResult(2, 0, 0), result);
        Assert.False(result.LostData);
        Assert.Equal([3L, 4L, 5L, 6L], log.ReadAfter(0, 100).Select(r => r.Seq));
    }

    [Fact]
    public void Prune_UnderBudget_RemovesNothing()
    {
        var log = Open(recordBytes: 1000);
        log.Append(Enumerable.Range(1, 5).Select(Entries.Telemetry).ToList());
        log.Commit(5);

        Assert.Equal(default, log.Prune());
        Assert.Equal(5, log.ReadAfter(0, 100).Count);
    }

    [Fact]
    public void Unsent_PartlyCommitted_ReturnsCountAndOldestUnsentTime()
    {
        var log = Open();
        log.Append([Entries.Telemetry(1), Entries.Event(2), Entries.Telemetry(3)]);
        log.Commit(1);

        var (count, oldest) = log.Unsent();

        Assert.Equal(2, count);
        Assert.Equal(SignallingTimeProvider.Origin.AddSeconds(2), oldest);
        log.Commit(3);
        Assert.Equal((0, (DateTimeOffset?)null), log.Unsent());
    }

    [Fact]
    public void DeadLetter_Record_IsStoredAndCounted()
    {
        var log = Open();
        log.Append([Entries.Telemetry(1), Entries.Event(2)]);
        var record = log.ReadAfter(1, 1).Single();

        log.DeadLetter(record, "refused by broker");

        Assert.Equal(1, log.DeadLetterCount);

        // Dead-lettering keeps the record in the log: history still has it.
        Assert.Equal(2, log.ReadAfter(0, 10).Count);
    }

    [Fact]
    public void ReadRange_TimeWindow_ReturnsRecordsInsideInSeqOrder()
    {
        var log = Open();
        log.Append(Enumerable.Range(1, 6).Select(Entries.Telemetry).ToList());

        var inside = log.ReadRange(SignallingTimeProvider.Origin.AddSeconds(2), SignallingTimeProvider.Origin.AddSeconds(5)).ToList();

        Assert.Equal([2L, 3L, 4L], inside.Select(r => r.Seq));
        Assert.Equal(SignallingTimeProvider.Origin.AddSeconds(2).UtcDateTime, inside[0].Ts);
    }

    [Fact]
    public void Append_LargeBody_IsStoredCompressedAndReadBackExactly()
    {
        var log = Open();
        string body = "\"readings\":[" + string.Join(',', Enumerable.Range(0, 200).Select(i =>
            $"{{\"point\":\"meter{i % 10}.power\",\"ts\":\"2026-12-01T12:00:00.{i % 1000:D3}Z\",\"value\":{230 + (i * 0.01)},\"quality\":\"good\"}}")) + "]";
        log.Append([new LogEntry(RecordKind.Telemetry, SignallingTimeProvider.Origin, body, "meter"), Entries.Event(2)]);

        var records = log.ReadAfter(0, 10);

        Assert.Equal(body, records[0].Body);
        Assert.NotNull(records[0].Packed);
        Assert.True(records[0].Size < body.Length / 3, $"counted {records[0].Size} bytes for a {body.Length}-character body");
        Assert.Null(records[1].Packed);
        Assert.Equal(Entries.Size, records[1].Size);
    }

    [Fact]
    public void ReadAfter_LastAppendServedFromMemory_SameRecordsAsTheFileHolds()
    {
        var log = Open();
        log.Append([Entries.Telemetry(1), Entries.Event(2)]);
        log.Append([Entries.Telemetry(3), Entries.Event(4), Entries.Telemetry(5)]);

        var fromMemory = log.ReadAfter(3, 10).Select(r => (r.Seq, r.Kind, r.Ts, r.Body, r.Tag)).ToList();
        var across = log.ReadAfter(1, 10).Select(r => r.Seq).ToList();
        Assert.Empty(log.ReadAfter(5, 10));
        Close(log);
        var reopened = Open();
        var fromFile = reopened.ReadAfter(3, 10).Select(r => (r.Seq, r.Kind, r.Ts, r.Body, r.Tag)).ToList();

        Assert.Equal([4L, 5L], fromMemory.Select(r => r.Seq));
        Assert.Equal(fromFile, fromMemory);
        Assert.Equal([2L, 3L, 4L, 5L], across);
    }

    [Fact]
    public void Open_AfterAppendsWithoutPrune_NextSeqFollowsTheHighestStored()
    {
        var log = Open();
        log.Append([Entries.Telemetry(1), Entries.Event(2)]);
        log.Append([Entries.Telemetry(3)]);
        Close(log);

        var reopened = Open();

        Assert.Equal(4, reopened.NextSeq);
        Assert.Equal([4L], reopened.Append([Entries.Telemetry(4)]));
    }

    private DurableLog Open(long recordBytes = 800 * 1024)
    {
        var log = new DurableLog(new DurableLogOptions { Path = _folder.File(), MaxBytes = LogBudget.MaxBytesFor(recordBytes) });
        _opened.Add(log);
        return log;
    }

    private void Close(DurableLog log)
    {
        log.Dispose();
        _opened.Remove(log);
    }
}
