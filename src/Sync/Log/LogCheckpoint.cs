namespace EdgeGateway.Sync.Log;

/// <summary>
/// The seq below which every record has been delivered (edgeHub's checkpointer). It moves in memory on each PUBACK
/// and is stored only with the next commit: writing it on every acknowledgement would cost a journal page each time
/// on the SD card, and losing it in a power cut only means some records are sent again (at-least-once).
/// </summary>
internal sealed class LogCheckpoint
{
    private readonly LogMeta _meta;
    private long _value;
    private long _stored;

    /// <summary>Reads the stored checkpoint.</summary>
    public LogCheckpoint(LogMeta meta)
    {
        _meta = meta;
        _value = _stored = meta.Read(LogMeta.CheckpointKey, 0);
    }

    /// <summary>The current checkpoint.</summary>
    public long Value => Interlocked.Read(ref _value);

    /// <summary>Moves the checkpoint forward; it never moves back.</summary>
    public void Advance(long seq)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _value);
            if (seq <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _value, seq, current) != current);
    }

    /// <summary>Writes the checkpoint if it moved since it was last stored (inside the caller's transaction).</summary>
    public void Persist()
    {
        long value = Value;
        if (value != _stored)
        {
            _meta.Write(LogMeta.CheckpointKey, value);
            _stored = value;
        }
    }
}
