namespace EdgeGateway.Sync.Log;

/// <summary>
/// Tracks messages in flight and yields the checkpoint: the highest seq below which every sent record has
/// been acknowledged. PUBACKs may arrive out of order; the checkpoint only moves over the contiguous prefix.
/// </summary>
public sealed class AckTracker
{
    private readonly LinkedList<(long Seq, bool Acked)> _inFlight = new();

    /// <summary>Messages sent and not yet acknowledged.</summary>
    public int InFlight => _inFlight.Count(x => !x.Acked);

    /// <summary>Registers <paramref name="seq"/> as sent; seqs must be registered in increasing order.</summary>
    public void Sent(long seq)
    {
        if (_inFlight.Last is { } last && last.Value.Seq >= seq)
        {
            throw new ArgumentException($"seq {seq} registered after {last.Value.Seq}", nameof(seq));
        }

        _inFlight.AddLast((seq, false));
    }

    /// <summary>Marks <paramref name="seq"/> acknowledged; returns the new checkpoint if it moved.</summary>
    public long? Acked(long seq)
    {
        for (var node = _inFlight.First; node is not null; node = node.Next)
        {
            if (node.Value.Seq == seq)
            {
                node.Value = (seq, true);
                break;
            }
        }

        long? checkpoint = null;
        while (_inFlight.First is { Value.Acked: true } head)
        {
            checkpoint = head.Value.Seq;
            _inFlight.RemoveFirst();
        }

        return checkpoint;
    }

    /// <summary>Forgets everything in flight (the connection dropped; unacked records will be resent).</summary>
    public void Reset() => _inFlight.Clear();
}
