using LiteDB;

namespace EdgeGateway.Sync.Log;

/// <summary>
/// The gateway's append-only store of telemetry batches and events (Azure IoT Edge edgeHub's split: the message
/// store here, <see cref="LogCheckpoint"/>, <see cref="DeadLetterStore"/>, <see cref="LiteStateStore"/>).
/// Every record gets the next gateway-wide <c>seq</c>; the next value is stored in the same transaction as the
/// records, and <see cref="SeqHighWater"/> keeps a durable bound above it, so a seq is never reused, across restarts,
/// pruning, power cuts and a log file lost or damaged.
/// </summary>
/// <remarks>
/// Durable before published: <see cref="Append"/> returns only once its commit is on the disk (fsync), and readers
/// (<see cref="ReadAfter"/>, <see cref="ReadRange"/>) see only records up to the last durable commit.
/// </remarks>
public sealed class DurableLog : IDisposable, IStateStore
{
    private readonly LogFiles _files;
    private readonly ILiteCollection<LogRecord> _records;
    private readonly LogMeta _meta;
    private readonly LogCheckpoint _checkpoint;
    private readonly DeadLetterStore _deadLetters;
    private readonly LiteStateStore _state;
    private readonly SeqHighWater _highWater;
    private readonly LogBudget _budget;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _nextSeq;
    private long _durableNextSeq;

    // The last append's records (contiguous seqs), as they were written: the uplink reads the records it is about to
    // publish from here instead of querying LiteDB, inflating and decoding what it has just handed over (CPU per reading).
    // Only records already durable are ever returned; a prune that removes records clears it.
    private LogRecord[] _recent = [];
    private long _recordBytes;
    private PruneResult _carried;
    private long _recordLimit;
    private long _lastDataBytes;

    /// <summary>Opens (or creates) the log file; a file damaged beyond LiteDB's recovery is moved aside (<see cref="Reset"/>).</summary>
    public DurableLog(DurableLogOptions options, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _budget = new LogBudget(options.MaxBytes);
        _highWater = SeqHighWater.Open(System.IO.Path.GetFullPath(options.Path));

        // Stored exactly as given (LiteDB trims strings by default): the last append is also served from memory.
        var mapper = new BsonMapper { TrimWhitespace = false };
        mapper.Entity<LogRecord>().Id(r => r.Seq, autoId: false);
        long maxSeq = 0, storedNext = 0, bytes = 0;
        _files = LogFiles.Open(options.Path, mapper, _budget.CheckpointPages, db =>
        {
            // Everything a start needs, read once: a damaged page fails here, not later in a loop.
            var records = db.GetCollection<LogRecord>(LogMeta.Records);
            records.EnsureIndex(r => r.Ts);
            maxSeq = records.Count() == 0 ? 0 : records.Max(r => r.Seq);
            bytes = records.Query().Select(r => r.Size).ToEnumerable().Sum(s => (long)s);
            storedNext = new LogMeta(db).Read(LogMeta.NextSeqKey, 0);
            bytes += new DeadLetterStore(db).Bytes();
        }, _time.GetUtcNow());

        var db = _files.Db;
        _records = db.GetCollection<LogRecord>(LogMeta.Records);
        _meta = new LogMeta(db);
        _checkpoint = new LogCheckpoint(_meta);
        _deadLetters = new DeadLetterStore(db);
        _state = new LiteStateStore(db);

        _nextSeq = Math.Max(Math.Max(storedNext, maxSeq + 1), 1);
        bool fresh = storedNext == 0 && maxSeq == 0;
        if (fresh && _highWater.Value > _nextSeq)
        {
            // A fresh file where seqs were handed out before: continue above every one of them.
            _nextSeq = _highWater.Value;
            Reset = new LogReset(
                _files.DamageReason is { } why ? $"the log file was damaged: {why}" : "the log file was missing; seq continues from the high-water file",
                _files.MovedTo, _nextSeq);
        }
        else if (_files.DamageReason is { } reason)
        {
            Reset = new LogReset($"the log file was damaged: {reason}", _files.MovedTo, _nextSeq);
        }

        _durableNextSeq = _nextSeq;
        _recordBytes = bytes;
        _recordLimit = _budget.RecordBytes;
        _lastDataBytes = _files.DataBytes;
    }

    /// <summary>Raised after records are appended and durable (on the appending thread).</summary>
    public event Action? Appended;

    /// <summary>What opening had to do with a missing or damaged file, or null; the host raises <c>log.reset</c> from it.</summary>
    public LogReset? Reset { get; }

    /// <summary>The seq the next appended record will get.</summary>
    public long NextSeq { get { lock (_gate) { return _nextSeq; } } }

    /// <summary>Every record with a seq at or below this has been delivered (or dead-lettered).</summary>
    public long Checkpoint => _checkpoint.Value;

    /// <summary>Bytes the budget counts: records and dead letters, as they take space in the data file.</summary>
    public long TotalBytes { get { lock (_gate) { return _recordBytes; } } }

    /// <summary>Bytes the log's files take on the disk now (data file and journal).</summary>
    public long BytesOnDisk => _files.BytesOnDisk;

    /// <summary>How many fsyncs of the journal the log has made (one per commit).</summary>
    public long Flushes { get; private set; }

    /// <summary>Appends <paramref name="entries"/> in a group commit (in chunks of at most a twentieth of the budget, pruned in
    /// between; what that pruning drops is returned by the next <see cref="Prune"/>), flushed to the disk, and returns
    /// their seqs.</summary>
    /// <exception cref="StorageFullException">The disk is full or the budget cannot hold a record; the first
    /// <see cref="StorageFullException.Stored"/> entries were stored, the rest not.</exception>
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
                };
                record.Size = LogBudget.SizeOf(record);
                if (!_budget.Fits(record.Size))
                {
                    throw new StorageFullException($"A record of {record.Size} bytes exceeds the log budget of {_budget.RecordBytes} bytes");
                }

                records.Add(record);
                seqs[i] = record.Seq;
            }

            // One transaction per chunk of at most a twentieth of the budget, pruned in between: an outage's burst can
            // never grow the files far past the budget in one commit (the data file never shrinks again).
            long total = _nextSeq + entries.Count;
            try
            {
                _highWater.Cover(total);
            }
            catch (IOException ex) when (LogFiles.IsDiskFull(ex))
            {
                throw new StorageFullException($"The log's disk is full: {ex.Message}", ex);
            }

            int stored = 0;
            try
            {
                foreach (var chunk in Chunks(records, _budget.ChunkBytes))
                {
                    long next = _nextSeq + chunk.Count;
                    InTransaction(() =>
                    {
                        // Only the records (and the checkpoint, at most every CheckpointPersistInterval): the next seq
                        // is max(seq) + 1 at open, and stored by the prune that deletes records (flash per commit).
                        _records.InsertBulk(chunk);
                        PersistCheckpoint(force: false);
                    });
                    _nextSeq = next;
                    _recordBytes += chunk.Sum(r => (long)r.Size);
                    stored += chunk.Count;
                    if (stored < records.Count)
                    {
                        _carried = _carried.Add(PruneLocked());
                    }
                }
            }
            catch (StorageFullException ex) when (stored > 0)
            {
                FlushLocked();
                Appended?.Invoke();
                throw new StorageFullException(ex.Message, ex) { Stored = stored };
            }

            FlushLocked();
            Volatile.Write(ref _recent, [.. records]);
        }

        Appended?.Invoke();
        return seqs;
    }

    /// <summary>True when <paramref name="entry"/> can ever be stored: it is not larger than the whole byte budget.</summary>
    public bool Fits(LogEntry entry) => _budget.Fits(LogBudget.SizeOf(entry));

    /// <summary>Reads up to <paramref name="max"/> durable records with a seq above <paramref name="afterSeq"/>, in seq order.</summary>
    public IReadOnlyList<LogRecord> ReadAfter(long afterSeq, int max)
    {
        long durable = Volatile.Read(ref _durableNextSeq);
        var recent = Volatile.Read(ref _recent);
        if (recent.Length > 0 && afterSeq + 1 >= recent[0].Seq && afterSeq < recent[^1].Seq && recent[^1].Seq < durable)
        {
            int start = (int)(afterSeq + 1 - recent[0].Seq);
            return new ArraySegment<LogRecord>(recent, start, Math.Min(max, recent.Length - start));
        }

        if (afterSeq >= durable - 1)
        {
            return []; // nothing newer: no query (the uplink asks after every batch it sent)
        }

        return _records.Query().Where(AfterAndBelow, afterSeq, durable).OrderBy(BsonId).Limit(max).ToList();
    }

    // Queries on the hot paths are LiteDB expressions with parameters: its LINQ visitor compiles a lambda to read every
    // captured variable of a C# predicate (a JIT compilation per query, most of the CPU of a steady gateway).
    private const string AfterAndBelow = "_id > @0 AND _id < @1";
    private static readonly BsonExpression BsonId = BsonExpression.Create("_id");

    /// <summary>The highest seq a reader can see now (the last durable commit's last record); 0 when there is none.</summary>
    public long LastDurableSeq => Volatile.Read(ref _durableNextSeq) - 1;

    /// <summary>Reads up to <paramref name="max"/> durable events with a seq in (<paramref name="afterSeq"/>,
    /// <paramref name="upToSeq"/>], in seq order (the uplink sends a backlog's events ahead of its telemetry).</summary>
    public IReadOnlyList<LogRecord> ReadEvents(long afterSeq, long upToSeq, int max)
    {
        long durable = Volatile.Read(ref _durableNextSeq);
        return _records.Query().Where("_id > @0 AND _id <= @1 AND _id < @2 AND Kind = @3", afterSeq, upToSeq, durable, nameof(RecordKind.Event))
            .OrderBy(BsonId).Limit(max).ToList();
    }

    /// <summary>Durable records whose time lies in [<paramref name="from"/>, <paramref name="to"/>), in seq order.</summary>
    public IEnumerable<LogRecord> ReadRange(DateTimeOffset from, DateTimeOffset to)
    {
        long durable = Volatile.Read(ref _durableNextSeq);
        return _records.Query().Where(r => r.Ts >= from.UtcDateTime && r.Ts < to.UtcDateTime && r.Seq < durable).OrderBy(r => r.Seq).ToEnumerable();
    }

    /// <summary>Moves the checkpoint to <paramref name="seq"/> (it never moves back). It is stored with the next
    /// commit, not on its own: a checkpoint lost in a power cut only means records are sent again (at-least-once).</summary>
    public void Commit(long seq) => _checkpoint.Advance(seq);

    /// <summary>Copies a record the broker refused as malformed to the dead-letter collection (counted in the budget).</summary>
    public void DeadLetter(LogRecord record, string reason)
    {
        lock (_gate)
        {
            _recordBytes += _deadLetters.Add(record, reason, _time.GetUtcNow());
            FlushLocked();
        }
    }

    /// <summary>How many records the broker refused as malformed and the log still holds.</summary>
    public int DeadLetterCount => _deadLetters.Count;

    /// <summary>Records not yet delivered and the oldest one's time.</summary>
    public (int Count, DateTimeOffset? Oldest) Unsent()
    {
        long checkpoint = Checkpoint;
        long durable = Volatile.Read(ref _durableNextSeq);
        if (checkpoint >= durable - 1)
        {
            return (0, null);
        }

        int count = _records.Query().Where(AfterAndBelow, checkpoint, durable).Count();
        var first = _records.Query().Where(AfterAndBelow, checkpoint, durable).OrderBy(BsonId).Limit(1).FirstOrDefault();
        return (count, first is null ? null : new DateTimeOffset(DateTime.SpecifyKind(first.Ts, DateTimeKind.Utc)));
    }

    /// <summary>Enforces the byte budget: dead letters past their age, delivered records, then dead letters, then
    /// undelivered telemetry oldest first, then undelivered events; each class deleted as one seq range. Returns what
    /// was removed so the caller can raise <c>log.dropped</c>.</summary>
    public PruneResult Prune()
    {
        lock (_gate)
        {
            var result = _carried.Add(PruneLocked());
            _carried = default;
            return result;
        }
    }

    /// <summary>Reads a small piece of durable state (lamp counters, calibrations) kept beside the log.</summary>
    public string? LoadState(string key) => _state.LoadState(key);

    /// <summary>Stores a small piece of durable state atomically and durably (one commit, flushed).</summary>
    public void SaveState(string key, string json)
    {
        lock (_gate)
        {
            _state.SaveState(key, json);
            FlushLocked();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            try
            {
                InTransaction(() => PersistCheckpoint(force: true));
                FlushLocked();
            }
            catch (Exception ex) when (ex is IOException or LiteException)
            {
                // A dead disk at shutdown: the checkpoint is only an optimisation (records are sent again).
            }

            _files.Dispose();
        }
    }

    // The checkpoint document is rewritten at most this often (one 8 KiB page in the journal each time): a checkpoint
    // lost in a power cut only means up to this long of records is sent again (at-least-once; consumers drop them by seq).
    private static readonly TimeSpan CheckpointPersistInterval = TimeSpan.FromSeconds(30);
    private DateTimeOffset _checkpointPersisted = DateTimeOffset.MinValue;

    private void PersistCheckpoint(bool force)
    {
        var now = _time.GetUtcNow();
        if (force || now - _checkpointPersisted >= CheckpointPersistInterval)
        {
            _checkpoint.Persist();
            _checkpointPersisted = now;
        }
    }

    private PruneResult PruneLocked()
    {
        var now = _time.GetUtcNow();
        Calibrate();
        var cutoff = now - LogBudget.DeadLetterMaxAge;
        long aged = _deadLetters.BytesOlderThan(cutoff);
        if (_recordBytes <= _recordLimit && aged == 0)
        {
            return default;
        }

        // Free 10 % below the limit so pruning is not paid on every append.
        long target = _recordLimit * 9 / 10;
        long checkpoint = Checkpoint;
        int sent = 0, telemetry = 0, events = 0;
        InTransaction(() =>
        {
            if (aged > 0)
            {
                _deadLetters.RemoveOlderThan(cutoff);
                _recordBytes -= aged;
            }

            sent = RemoveOldest(up => r => r.Seq <= checkpoint && r.Seq <= up, target);
            _recordBytes -= _deadLetters.RemoveOldest(_recordBytes - target);
            telemetry = RemoveOldest(up => r => r.Seq > checkpoint && r.Seq <= up && r.Kind == RecordKind.Telemetry, target);
            events = RemoveOldest(up => r => r.Seq > checkpoint && r.Seq <= up && r.Kind == RecordKind.Event, target);
            if (sent + telemetry + events > 0)
            {
                // Deleting records may take the highest seq with them: from now on the stored value bounds it.
                _meta.Write(LogMeta.NextSeqKey, _nextSeq);
            }
        });
        if (sent + telemetry + events > 0)
        {
            // Records are gone: the last append's may be among them, so readers go to the log itself.
            Volatile.Write(ref _recent, []);
        }

        FlushLocked();
        return new PruneResult(sent, telemetry, events);
    }

    // The data file never shrinks, and LiteDB reuses freed space only in part: when the file has grown past its share of
    // the budget, what the records count for right now is all that fits, and the limit comes down to it (never up).
    private void Calibrate()
    {
        long length = _files.DataBytes;
        if (length > _lastDataBytes && length > _budget.DataFileBytes)
        {
            _recordLimit = Math.Min(_recordLimit, _recordBytes * 19 / 20);
        }

        _lastDataBytes = length;
    }

    private static IEnumerable<List<LogRecord>> Chunks(List<LogRecord> records, long maxBytes)
    {
        var chunk = new List<LogRecord>();
        long bytes = 0;
        foreach (var r in records)
        {
            if (chunk.Count > 0 && bytes + r.Size > maxBytes)
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }

            chunk.Add(r);
            bytes += r.Size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private void FlushLocked()
    {
        _files.Flush();
        Flushes++;
        Volatile.Write(ref _durableNextSeq, _nextSeq);
    }

    private void InTransaction(Action write)
    {
        var db = _files.Db;
        try
        {
            db.BeginTrans();
            write();
            db.Commit();
        }
        catch (Exception ex) when (LogFiles.IsDiskFull(ex))
        {
            Rollback(db, ex);
            throw new StorageFullException($"The log's disk is full: {ex.Message}", ex);
        }
        catch (Exception ex)
        {
            // Never leave the transaction open: the next append would join a half-done group.
            Rollback(db, ex);
            throw;
        }
    }

    // A disk that answers EIO cannot take the rollback's writes either; LiteDB then throws "discarded page must be
    // writable", which would hide why the commit failed. The error says both, the commit's failure as its cause.
    private static void Rollback(LiteDatabase db, Exception cause)
    {
        try
        {
            db.Rollback();
        }
        catch (Exception failure) when (failure is LiteException or IOException)
        {
            throw new IOException($"The log's write failed ({cause.Message}) and could not be rolled back ({failure.Message})", cause);
        }
    }

    // Deletes the oldest records of one class as one seq range: walks (seq, size) in seq order until enough is freed,
    // then one DeleteMany over the class up to the last seq walked. `upTo(last)` is the class's predicate bounded by last.
    private int RemoveOldest(Func<long, System.Linq.Expressions.Expression<Func<LogRecord, bool>>> upTo, long target)
    {
        if (_recordBytes <= target)
        {
            return 0;
        }

        long freed = 0, last = 0;
        foreach (var r in _records.Query().Where(upTo(long.MaxValue)).OrderBy(r => r.Seq).Select(r => new { r.Seq, r.Size }).ToEnumerable())
        {
            freed += r.Size;
            last = r.Seq;
            if (_recordBytes - freed <= target)
            {
                break;
            }
        }

        if (freed == 0)
        {
            return 0;
        }

        int removed = _records.DeleteMany(upTo(last));
        _recordBytes -= freed;
        return removed;
    }
}
