using EdgeGateway.Sync.Log;

namespace EdgeGateway.Sync.Uplink;

/// <summary>
/// What one session sends next, and how far the checkpoint may move. The records unsent when the session began are
/// the backlog (history); whatever is committed after that is live. Order: the backlog's events first, then live
/// records, then the backlog's telemetry, oldest first (CONTRACT.md: while a backlog drains, live records may overtake
/// it; a record from the backlog carries <c>"backlog":true</c>). A record's <c>seq</c> stays its identity; only the
/// send order changes. The checkpoint still moves only over a prefix in which every record was acknowledged: over
/// the backlog in seq order, and past its end only once all of it was acknowledged, then over the live records.
/// </summary>
internal sealed class DrainPlan
{
    private readonly DurableLog _log;
    private readonly AckTracker _history = new();
    private readonly AckTracker _live = new();
    private readonly HashSet<long> _early = [];
    private readonly HashSet<long> _earlyAcked = [];
    private long _historyEnd;
    private long _historyCursor;
    private long _eventCursor;
    private long _liveCursor;
    private long _liveCheckpoint;
    private long _historyCheckpoint;
    private bool _eventsDone;

    /// <summary>Creates the plan over <paramref name="log"/>; call <see cref="Begin"/> at the start of each session.</summary>
    public DrainPlan(DurableLog log) => _log = log;

    /// <summary>The last seq of the backlog this session found (records above it are live).</summary>
    public long HistoryEnd => _historyEnd;

    /// <summary>True while part of the backlog is still unsent or unacknowledged.</summary>
    public bool Draining => _historyCursor < _historyEnd || _history.InFlight > 0;

    /// <summary>Starts a session (or starts over after a refusal): the backlog is what lies between the checkpoint
    /// and the last durable record now.</summary>
    public void Begin()
    {
        _history.Reset();
        _live.Reset();
        _early.Clear();
        _earlyAcked.Clear();
        _historyCursor = _eventCursor = _historyCheckpoint = _log.Checkpoint;
        _historyEnd = Math.Max(_historyCursor, _log.LastDurableSeq);
        _liveCursor = _liveCheckpoint = _historyEnd;
        _eventsDone = _historyCursor == _historyEnd;
    }

    /// <summary>A <c>sync.resend</c>: what was sent from <paramref name="fromSeq"/> on goes again, as backlog (the
    /// checkpoint does not move back: those records were delivered once and stay delivered).</summary>
    public void Resend(long fromSeq)
    {
        _history.Reset();
        _live.Reset();
        _early.Clear();
        _earlyAcked.Clear();
        _historyEnd = Math.Max(_historyEnd, _liveCursor);
        _historyCursor = Math.Min(_historyCursor, fromSeq - 1);
        _liveCursor = _liveCheckpoint = _historyEnd;
        _eventsDone = true;
    }

    /// <summary>The next records to publish (at most <paramref name="max"/>), each with whether it comes from the
    /// backlog; empty when nothing is left. Every record returned is registered as sent.</summary>
    public IReadOnlyList<(LogRecord Record, bool Backlog)> Next(int max)
    {
        if (!_eventsDone)
        {
            var events = _log.ReadEvents(_eventCursor, _historyEnd, max);
            if (events.Count > 0)
            {
                _eventCursor = events[^1].Seq;
                foreach (var e in events)
                {
                    _early.Add(e.Seq);
                }

                return [.. events.Select(e => (e, true))];
            }

            _eventsDone = true;
        }

        var live = _log.ReadAfter(_liveCursor, max);
        if (live.Count > 0)
        {
            _liveCursor = live[^1].Seq;
            foreach (var r in live)
            {
                _live.Sent(r.Seq);
            }

            return [.. live.Select(r => (r, false))];
        }

        while (_historyCursor < _historyEnd)
        {
            var batch = _log.ReadAfter(_historyCursor, max).Where(r => r.Seq <= _historyEnd).ToList();
            if (batch.Count == 0)
            {
                _historyCursor = _historyEnd;
                break;
            }

            _historyCursor = batch[^1].Seq;
            var send = new List<(LogRecord, bool)>(batch.Count);
            foreach (var r in batch)
            {
                _history.Sent(r.Seq);
                if (!_early.Contains(r.Seq))
                {
                    send.Add((r, true));
                }
                else if (_earlyAcked.Remove(r.Seq))
                {
                    // Sent ahead of the telemetry and already acknowledged: it only has to count in the prefix.
                    Moved(_history.Acked(r.Seq));
                }
            }

            if (send.Count > 0)
            {
                return send;
            }
        }

        return [];
    }

    /// <summary>Notes the PUBACK (or dead-lettering) of <paramref name="seq"/>; returns the checkpoint if it moved.</summary>
    public long? Acked(long seq)
    {
        long before = Checkpoint;
        if (seq > _historyEnd)
        {
            if (_live.Acked(seq) is long live)
            {
                _liveCheckpoint = live;
            }
        }
        else if (_early.Contains(seq) && seq > _historyCursor)
        {
            // A backlog event sent ahead: it counts once the telemetry before it has been acknowledged too.
            _earlyAcked.Add(seq);
        }
        else
        {
            Moved(_history.Acked(seq));
        }

        long after = Checkpoint;
        return after > before ? after : null;
    }

    /// <summary>The checkpoint this session has reached: the acknowledged prefix of the backlog, and once the whole
    /// backlog is acknowledged, the acknowledged prefix of the live records after it.</summary>
    public long Checkpoint => Draining ? _historyCheckpoint : Math.Max(_historyEnd, _liveCheckpoint);

    private void Moved(long? checkpoint)
    {
        if (checkpoint is long c)
        {
            _historyCheckpoint = c;
        }
    }
}
