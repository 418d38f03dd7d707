using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Tests.Support;

namespace EdgeGateway.Sync.Tests.Log;

[Trait("Category", "Integration")]
public sealed class DurableLogDurabilityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Append_EachCall_FlushesTheJournalOnce()
    {
        using var log = Open();

        log.Append([Entries.Telemetry(1), Entries.Event(2)]);
        log.Append([Entries.Telemetry(3)]);

        Assert.Equal(2, log.Flushes);
        Assert.True(File.Exists(_folder.File("log-log.db")), "LiteDB's journal holds the commits");
    }

    [Fact]
    public void Append_FirstRecord_WritesHighWaterAboveEverySeqHandedOut()
    {
        using var log = Open();

        log.Append([Entries.Telemetry(1), Entries.Telemetry(2), Entries.Telemetry(3)]);

        long highWater = long.Parse(File.ReadAllText(_folder.File("log.db.seq")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(4 + SeqHighWater.Step, highWater);
        Assert.Null(log.Reset);
    }

    [Fact]
    public void Constructor_DamagedFile_MovesItAsideAndContinuesAboveHighWater()
    {
        using (var first = Open())
        {
            first.Append(Enumerable.Range(1, 5).Select(Entries.Telemetry).ToList());
        }

        // Garbage where the data file's header and pages were (a card that lost a block).
        var garbage = new byte[3 * 8192];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(_folder.File(), garbage);

        using var reopened = Open();

        var reset = Assert.IsType<LogReset>(reopened.Reset);
        Assert.Contains("damaged", reset.Reason, StringComparison.Ordinal);
        Assert.NotNull(reset.MovedTo);
        Assert.True(File.Exists(reset.MovedTo), $"moved aside to {reset.MovedTo}");
        Assert.Equal(6 + SeqHighWater.Step, reset.NextSeq);
        Assert.Equal(reset.NextSeq, reopened.NextSeq);
        Assert.Equal([6 + SeqHighWater.Step], reopened.Append([Entries.Event(6)]));
        Assert.Single(reopened.ReadAfter(0, 10));
    }

    [Fact]
    public void Constructor_LogFileDeleted_ContinuesFromHighWater()
    {
        using (var first = Open())
        {
            first.Append([Entries.Telemetry(1), Entries.Telemetry(2)]);
        }

        File.Delete(_folder.File());
        File.Delete(_folder.File("log-log.db"));

        using var reopened = Open();

        Assert.Equal(3 + SeqHighWater.Step, reopened.NextSeq);
        Assert.Contains("missing", reopened.Reset!.Reason, StringComparison.Ordinal);
        Assert.Null(reopened.Reset.MovedTo);
    }

    [Fact]
    public void Constructor_FreshFolder_StartsAtOneWithoutReset()
    {
        using var log = Open();

        Assert.Equal(1, log.NextSeq);
        Assert.Null(log.Reset);
    }

    [Fact]
    public void Constructor_ReopenedIntact_ContinuesAtNextSeqNotHighWater()
    {
        using (var first = Open())
        {
            first.Append([Entries.Telemetry(1), Entries.Telemetry(2)]);
        }

        using var reopened = Open();

        Assert.Equal(3, reopened.NextSeq);
        Assert.Null(reopened.Reset);
    }

    [Fact]
    public void Dispose_CheckpointMovedWithoutAppend_IsStored()
    {
        using (var first = Open())
        {
            first.Append([Entries.Telemetry(1), Entries.Telemetry(2)]);
            first.Commit(2);
        }

        using var reopened = Open();

        Assert.Equal(2, reopened.Checkpoint);
    }

    [Fact]
    public void Prune_DeadLetterOlderThanItsAge_IsRemovedAndFreesItsBytes()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SignallingTimeProvider.Origin);
        using var log = new DurableLog(new DurableLogOptions { Path = _folder.File(), MaxBytes = 8L << 20 }, time);
        log.Append([Entries.Telemetry(1), Entries.Telemetry(2)]);
        var records = log.ReadAfter(0, 10);
        long before = log.TotalBytes;

        log.DeadLetter(records[0], "payload format invalid");
        Assert.Equal(1, log.DeadLetterCount);
        Assert.True(log.TotalBytes > before, "a dead letter counts in the budget");
        time.Advance(LogBudget.DeadLetterMaxAge - TimeSpan.FromMinutes(1));
        log.DeadLetter(records[1], "payload format invalid");
        Assert.Equal(default, log.Prune());
        Assert.Equal(2, log.DeadLetterCount);

        time.Advance(TimeSpan.FromMinutes(2));
        log.Prune();

        Assert.Equal(1, log.DeadLetterCount);
        Assert.True(log.TotalBytes < before + (2 * Entries.Size), $"{log.TotalBytes} bytes still counted");
    }

    private DurableLog Open() => new(new DurableLogOptions { Path = _folder.File(), MaxBytes = 8L << 20 });
}
