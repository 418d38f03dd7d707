namespace EdgeGateway.Sync.Log;

/// <summary>
/// How <c>Storage:MaxBytes</c> bounds the log's files on the disk: the journal gets a fixed reserve (LiteDB copies it
/// into the data file every <see cref="CheckpointPages"/> pages), records and dead letters share the rest, each
/// counted as what it takes in the data file (UTF-8 bytes plus the document's and its index entries' overhead).
/// </summary>
internal sealed class LogBudget
{
    /// <summary>LiteDB's page size.</summary>
    public const int PageSize = 8192;

    /// <summary>Dead letters are kept this long, then pruned.</summary>
    public static readonly TimeSpan DeadLetterMaxAge = TimeSpan.FromDays(7);

    // Per record in the data file: BSON field names and types (~60 B), the data block header, and one node in each
    // of the _id and Ts indexes (~2 x 40 B); rounded up. Measured by LogBudgetTests against the files' real size.
    private const int RecordOverhead = 192;

    /// <summary>Creates the budget for <paramref name="maxBytes"/> of disk.</summary>
    public LogBudget(long maxBytes)
    {
        MaxBytes = maxBytes;

        // The journal at most 1/16 of the budget, between 8 and MaxCheckpointPages.
        CheckpointPages = (int)Math.Clamp(maxBytes / 16 / PageSize, 8, MaxCheckpointPages);

        // Data file: header, collection and index root pages, then records; pages are only part full on average.
        long journal = (CheckpointPages + 2L) * PageSize;
        long fixedPages = 8L * PageSize;
        RecordBytes = Math.Max(0, (maxBytes - journal - fixedPages) * 7 / 10);
        DataFileBytes = maxBytes - journal;
    }

    /// <summary>The <c>MaxBytes</c> whose record share is <paramref name="recordBytes"/> (tests; below 1 MiB of budget).</summary>
    public static long MaxBytesFor(long recordBytes) => ((recordBytes * 10) + 6) / 7 + ((8 + 2 + 8) * PageSize);

    /// <summary>What the data file may take: the budget less the journal's reserve. When a burst grows the file past this
    /// (LiteDB's pages fill less than <see cref="RecordBytes"/> assumes), the log lowers its record limit to what was
    /// held at that moment.</summary>
    public long DataFileBytes { get; }

    /// <summary>The whole budget.</summary>
    public long MaxBytes { get; }

    /// <summary>LiteDB's CHECKPOINT pragma for this budget.</summary>
    public int CheckpointPages { get; }

    /// <summary>The journal's upper bound, 128 pages (1 MiB), not LiteDB's default 1000: LiteDB keeps every page of the
    /// journal in its cache until the checkpoint (measured: the GC heap grew from 6 to 20 MB with 1000), while the
    /// checkpoint's copy costs little more when it comes more often (it copies each page's last version once; what a
    /// commit rewrites every time, header and index tails, is a few pages per checkpoint).</summary>
    public const int MaxCheckpointPages = 128;

    /// <summary>What records and dead letters may count for in all.</summary>
    public long RecordBytes { get; }

    /// <summary>The most one transaction of an append may add: a tenth of the record budget (at least 64 KiB).</summary>
    public long ChunkBytes => Math.Max(32 * 1024, RecordBytes / 20);


    /// <summary>True when a record of <paramref name="size"/> can ever be stored.</summary>
    public bool Fits(int size) => size <= RecordBytes;

    /// <summary>What <paramref name="record"/> counts for: its body as stored (compressed when large) and its tag.</summary>
    public static int SizeOf(LogRecord record) =>
        RecordOverhead + record.StoredBodyBytes + System.Text.Encoding.UTF8.GetByteCount(record.Tag);

    /// <summary>An upper bound of what <paramref name="e"/> counts for (its body uncompressed).</summary>
    public static int SizeOf(LogEntry e) =>
        RecordOverhead + System.Text.Encoding.UTF8.GetByteCount(e.Body) + System.Text.Encoding.UTF8.GetByteCount(e.Tag);
}
