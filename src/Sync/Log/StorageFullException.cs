namespace EdgeGateway.Sync.Log;

/// <summary>The log cannot take a record: the disk is full or the record alone exceeds the byte budget.
/// Nothing was written; the caller keeps its data and retries later.</summary>
public sealed class StorageFullException : IOException
{
    /// <summary>Creates the exception.</summary>
    public StorageFullException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
