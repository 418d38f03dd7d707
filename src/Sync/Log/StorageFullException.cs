namespace EdgeGateway.Sync.Log;

/// <summary>The log cannot take a record: the disk is full or the record alone exceeds the byte budget.
/// The first <see cref="Stored"/> entries of the call were written (0: none); the caller keeps the rest and retries later.</summary>
public sealed class StorageFullException : IOException
{
    /// <summary>Creates the exception.</summary>
    public StorageFullException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>How many of the call's entries were stored before the disk refused (they have seqs and are durable).</summary>
    public int Stored { get; init; }
}
