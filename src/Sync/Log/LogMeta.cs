using LiteDB;

namespace EdgeGateway.Sync.Log;

/// <summary>The log's small numeric values (next seq, checkpoint), one document each in the <c>meta</c> collection.</summary>
internal sealed class LogMeta(LiteDatabase db)
{
    /// <summary>The records collection's name.</summary>
    public const string Records = "records";

    /// <summary>The key of the next seq.</summary>
    public const string NextSeqKey = "nextSeq";

    /// <summary>The key of the checkpoint.</summary>
    public const string CheckpointKey = "checkpoint";

    private readonly ILiteCollection<BsonDocument> _meta = db.GetCollection<BsonDocument>("meta");

    /// <summary>The stored value, or <paramref name="fallback"/>.</summary>
    public long Read(string key, long fallback) => _meta.FindById(key) is { } doc ? doc["value"].AsInt64 : fallback;

    /// <summary>Stores a value (inside the caller's transaction).</summary>
    public void Write(string key, long value) => _meta.Upsert(new BsonDocument { ["_id"] = key, ["value"] = value });
}
