using LiteDB;

namespace EdgeGateway.Sync.Log;

/// <summary>Records the broker refused as malformed (edgeHub's dead letters): kept for inspection, counted in the
/// byte budget, removed after <see cref="LogBudget.DeadLetterMaxAge"/> or when the budget needs their space.</summary>
internal sealed class DeadLetterStore(LiteDatabase db)
{
    private readonly ILiteCollection<BsonDocument> _dead = db.GetCollection<BsonDocument>("dead");

    /// <summary>How many dead letters are kept.</summary>
    public int Count => _dead.Count();

    /// <summary>Bytes the dead letters count for in the budget.</summary>
    public long Bytes() => _dead.FindAll().Sum(SizeOf);

    /// <summary>Stores a copy of <paramref name="record"/>; returns the bytes it adds to the budget.</summary>
    public long Add(LogRecord record, string reason, DateTimeOffset now)
    {
        if (_dead.FindById(record.Seq) is not null)
        {
            return 0;
        }

        int size = record.Size + 2 * reason.Length;
        _dead.Insert(new BsonDocument
        {
            ["_id"] = record.Seq,
            ["kind"] = record.Kind.ToString(),
            ["body"] = record.Body,
            ["reason"] = reason,
            ["at"] = now.UtcDateTime,
            ["size"] = size,
        });
        return size;
    }

    /// <summary>Bytes held by dead letters stored before <paramref name="cutoff"/>.</summary>
    public long BytesOlderThan(DateTimeOffset cutoff) =>
        _dead.Find(Query.LT("at", cutoff.UtcDateTime)).Sum(SizeOf);

    /// <summary>Removes the dead letters stored before <paramref name="cutoff"/> (their bytes: <see cref="BytesOlderThan"/>).</summary>
    public void RemoveOlderThan(DateTimeOffset cutoff) => _dead.DeleteMany(Query.LT("at", cutoff.UtcDateTime));

    /// <summary>Removes the oldest dead letters until at least <paramref name="bytes"/> are freed; returns the bytes freed.</summary>
    public long RemoveOldest(long bytes)
    {
        long freed = 0;
        while (freed < bytes && _dead.Query().OrderBy("_id").Limit(1).FirstOrDefault() is { } doc)
        {
            _dead.Delete(doc["_id"]);
            freed += SizeOf(doc);
        }

        return freed;
    }

    private static long SizeOf(BsonDocument doc) => doc["size"].IsNumber ? doc["size"].AsInt64 : 0;
}
