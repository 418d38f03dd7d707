using LiteDB;

namespace EdgeGateway.Sync.Log;

/// <summary>Small pieces of durable state (lamp counters, calibrations) in the log's file (edgeHub's state store).</summary>
internal sealed class LiteStateStore(LiteDatabase db) : IStateStore
{
    private readonly ILiteCollection<BsonDocument> _state = db.GetCollection<BsonDocument>("state");

    /// <inheritdoc />
    public string? LoadState(string key) => _state.FindById(key) is { } doc ? doc["json"].AsString : null;

    /// <inheritdoc />
    public void SaveState(string key, string json)
    {
        _state.Upsert(new BsonDocument { ["_id"] = key, ["json"] = json });
    }
}
