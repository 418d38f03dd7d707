using LiteDB;

namespace EdgeGateway.Sync.Log;

/// <summary>
/// The gateway's append-only store of telemetry batches and events (Azure IoT Edge edgeHub's split:
/// an append that returns offsets, an iterator that reads batches, a checkpoint over the acknowledged prefix).
/// Every record gets the next gateway-wide <c>seq</c>; the next value is stored in the same transaction as
/// the records, so a seq is never reused, across restarts and pruning too.
/// </summary>
public sealed class DurableLog : IDisposable, IStateStore
{
    private const string MetaCollection = "meta";
    private const string NextSeqKey = "nextSeq";
    private const string CheckpointKey = "checkpoint";
    private const string DeadLetterCollection = "dead";
    private const string StateCollection = "state";
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<LogRecord> _records;
    private readonly ILiteCollection<BsonDocument> _meta;
    private readonly DurableLogOptions _options;
    private readonly Lock _gate = new();
    private long _nextSeq;
    private long _checkpoint;
    private long _totalBytes;

    /// <summary>Opens (or creates) the log file.</summary>
    public DurableLog(DurableLogOptions options)
    {
        _options = options;
        string? folder = Path.GetDirectoryName(Path.GetFullPath(options.Path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var mapper = new BsonMapper();
        mapper.Entity<LogRecord>().Id(r => r.Seq, autoId: false);

        // Direct mode: one process owns the file; LiteDB's WAL (the -log file) makes each commit atomic,
        // so a power cut mid-write loses at most the uncommitted group, never a committed one.
        _db = new LiteDatabase(new ConnectionString { Filename = options.Path, Connection = ConnectionType.Direct }, mapper);

        // LiteDB stores UTC but by default hands dates back in the machine's local zone (UtcDate pragma, default
        // false); LogRecord.Ts is documented UTC and a cabinet may run on local time, so ask for UTC back.
        _db.UtcDate = true;
        _records = _db.GetCollection<LogRecord>("records");
        _records.EnsureIndex(r => r.Ts);
        _meta = _db.GetCollection<BsonDocument>(MetaCollection);

        long maxSeq = _records.Count() == 0 ? 0 : _records.Max(r => r.Seq);
        _nextSeq = Math.Max(ReadMeta(NextSeqKey, 1), maxSeq + 1);
        _checkpoint = ReadMeta(CheckpointKey, 0);
        _totalBytes = _records.Query().Select(r => r.Size).ToEnumerable().Sum(s => (long)s);
    }

    /// <summary>Raised after records are appended (on the appending thread).</summary>
    public event Action? Appended;

    /// <summary>The seq the next appended record will get.</summary>
    public long NextSeq { get { lock (_gate) { return _nextSeq; } } }

    /// <summary>Every record with a seq at or below this has been delivered (or dead-lettered).</summary>
    public long Checkpoint { get { lock (_gate) { return _checkpoint; } } }

    /// <summary>Bytes held by records, sent and unsent.</summary>
    public long TotalBytes { get { lock (_gate) { return _totalBytes; } } }

    /// <summary>Appends <paramref name="entries"/> in one transaction (a group commit) and returns their seqs.</summary>
    /// <exception cref="StorageFullException">The disk is full; nothing was written.</exception>
    public IReadOnlyList<long> Append(IReadOnlyList<LogEntry> entries)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        long[] seqs = new long[entries.Count];
        lock (_gate)
        {
            var records = new List<LogRecord>(entries.Count);
            long added = 0;
            for (int i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                var record = new LogRecord
                {
                    Seq = _nextSeq + i,
                    Kind = e.Kind,
                    Ts = e.Timestamp.UtcDateTime,
                    Body = e.Body,
                    Tag = e.Tag,
                    Size = SizeOf(e),
                };
                if (record.Size > _options.MaxBytes)
                {
                    throw new StorageFullException($"A record of {record.Size} bytes exceeds the log budget of {_options.MaxBytes} bytes");
                }

                records.Add(record);
                seqs[i] = record.Seq;
                added += record.Size;
            }

            try
            {
                _db.BeginTrans();
                _records.InsertBulk(records);
                WriteMeta(NextSeqKey, _nextSeq + entries.Count);
                _db.Commit();
            }
            catch (Exception ex) when (IsDiskFull(ex))
            {
                _db.Rollback();
                throw new StorageFullException($"The log's disk is full: {ex.Message}", ex);
            }
            catch
            {
                // Never leave the transaction open: the next append would join a half-done group.
                _db.Rollback();
                throw;
            }

            _nextSeq += entries.Count;
            _totalBytes += added;
        }

        Appended?.Invoke();
        return seqs;
    }

    /// <summary>True when <paramref name="entry"/> can ever be stored: it is not larger than the whole byte budget.</summary>
    public bool Fits(LogEntry entry) => SizeOf(entry) <= _options.MaxBytes;

    /// <summary>Reads up to <paramref name="max"/> records with a seq above <paramref name="afterSeq"/>, in seq order.</summary>
    public IReadOnlyList<LogRecord> ReadAfter(long afterSeq, int max) =>
        _records.Query().Where(r => r.Seq > afterSeq).OrderBy(r => r.Seq).Limit(max).ToList();

    /// <summary>Records whose time lies in [<paramref name="from"/>, <paramref name="to"/>), in seq order.</summary>
    public IEnumerable<LogRecord> ReadRange(DateTimeOffset from, DateTimeOffset to) =>
        _records.Query().Where(r => r.Ts >= from.UtcDateTime && r.Ts < to.UtcDateTime).OrderBy(r => r.Seq).ToEnumerable();

    /// <summary>Moves the checkpoint to <paramref name="seq"/> (it never moves back) and stores it.</summary>
    public void Commit(long seq)
    {
        lock (_gate)
        {
            if (seq <= _checkpoint)
            {
                return;
            }

            _checkpoint = seq;
            WriteMeta(CheckpointKey, seq);
        }
    }

    /// <summary>Copies a record the broker refused as invalid to the dead-letter collection.</summary>
    public void DeadLetter(LogRecord record, string reason)
    {
        var doc = new BsonDocument
        {
            ["_id"] = record.Seq,
            ["kind"] = record.Kind.ToString(),
            ["body"] = record.Body,
            ["reason"] = reason,
        };
        _db.GetCollection<BsonDocument>(DeadLetterCollection).Upsert(doc);
    }

    /// <summary>How many records the broker refused as invalid.</summary>
    public int DeadLetterCount => _db.GetCollection<BsonDocument>(DeadLetterCollection).Count();

    /// <summary>Records not yet delivered and the oldest one's time.</summary>
    public (int Count, DateTimeOffset? Oldest) Unsent()
    {
        long checkpoint = Checkpoint;
        int count = _records.Count(r => r.Seq > checkpoint);
        var first = _records.Query().Where(r => r.Seq > checkpoint).OrderBy(r => r.Seq).Limit(1).FirstOrDefault();
        return (count, first is null ? null : new DateTimeOffset(DateTime.SpecifyKind(first.Ts, DateTimeKind.Utc)));
    }

    /// <summary>Enforces the byte budget: delivered records first, then undelivered telemetry oldest first,
    /// then undelivered events. Returns what was removed so the caller can raise <c>log.dropped</c>.</summary>
    public PruneResult Prune()
    {
        lock (_gate)
        {
            if (_totalBytes <= _options.MaxBytes)
            {
                return default;
            }

            // Free 10 % below the budget so pruning is not paid on every append.
            long target = _options.MaxBytes * 9 / 10;
            int sent = Remove(r => r.Seq <= _checkpoint, target);
            int telemetry = Remove(r => r.Seq > _checkpoint && r.Kind == RecordKind.Telemetry, target);
            int events = Remove(r => r.Seq > _checkpoint && r.Kind == RecordKind.Event, target);
            return new PruneResult(sent, telemetry, events);
        }
    }

    /// <summary>Reads a small piece of durable state (lamp counters, calibrations) kept beside the log.</summary>
    public string? LoadState(string key) =>
        _db.GetCollection<BsonDocument>(StateCollection).FindById(key) is { } doc ? doc["json"].AsString : null;

    /// <summary>Stores a small piece of durable state atomically (one LiteDB upsert).</summary>
    public void SaveState(string key, string json) =>
        _db.GetCollection<BsonDocument>(StateCollection).Upsert(new BsonDocument { ["_id"] = key, ["json"] = json });

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();

    // LiteDB stores strings as UTF-8 inside BSON; two bytes a character plus the document's fields is a safe bound.
    private static int SizeOf(LogEntry e) => 64 + (2 * (e.Body.Length + e.Tag.Length));

    private static bool IsDiskFull(Exception ex) =>
        ex is IOException io && (io.HResult == 28 || io.HResult == unchecked((int)0x80070070) || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase));

    private int Remove(System.Linq.Expressions.Expression<Func<LogRecord, bool>> which, long target)
    {
        int removed = 0;
        while (_totalBytes > target)
        {
            var oldest = _records.Query().Where(which).OrderBy(r => r.Seq).Limit(256).ToList();
            if (oldest.Count == 0)
            {
                break;
            }

            foreach (var r in oldest)
            {
                if (_totalBytes <= target)
                {
                    break;
                }

                _records.Delete(r.Seq);
                _totalBytes -= r.Size;
                removed++;
            }
        }

        return removed;
    }

    private long ReadMeta(string key, long fallback) =>
        _meta.FindById(key) is { } doc ? doc["value"].AsInt64 : fallback;

    private void WriteMeta(string key, long value) =>
        _meta.Upsert(new BsonDocument { ["_id"] = key, ["value"] = value });
}
