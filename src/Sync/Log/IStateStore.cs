namespace EdgeGateway.Sync.Log;

/// <summary>Small pieces of durable state (lamp counters, bay calibrations), kept beside the log.</summary>
public interface IStateStore
{
    /// <summary>The stored JSON for <paramref name="key"/>, or null.</summary>
    string? LoadState(string key);

    /// <summary>Stores <paramref name="json"/> under <paramref name="key"/> atomically.</summary>
    void SaveState(string key, string json);
}
