namespace EdgeGateway.Sync.Log;

/// <summary>Null object for runs that keep nothing (replay): every load misses, saves are forgotten.</summary>
public sealed class NoStateStore : IStateStore
{
    /// <inheritdoc />
    public string? LoadState(string key) => null;

    /// <inheritdoc />
    public void SaveState(string key, string json)
    {
    }
}
