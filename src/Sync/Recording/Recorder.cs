using System.Threading.Channels;
using EdgeGateway.Contracts;
using EdgeGateway.Sync.Json;
using EdgeGateway.Sync.Log;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Sync.Recording;

/// <summary>
/// Groups readings into telemetry batches (closed by count or age) and writes batches and events to the
/// <see cref="DurableLog"/> in group commits: whatever arrived while the previous commit ran goes into the
/// next transaction, never one insert per reading.
/// </summary>
public sealed class Recorder : BackgroundService, IRecorder
{
    // Readings travel as structs (no box per reading); an event rides in the same queue so order is kept.
    private readonly Channel<Item> _inbox = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DurableLog _log;
    private readonly RecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<Recorder> _logger;
    private static readonly TimeSpan FullRetry = TimeSpan.FromSeconds(5);

    // The first batch after start: what the loops read at start goes out at once (the first commit is not held back
    // by the cadence), so the centre sees a restarted cabinet within about a second.
    private static readonly TimeSpan FirstBatchAge = TimeSpan.FromMilliseconds(500);
    private readonly List<Reading> _batch = [];
    private readonly List<LogEntry> _pending = [];
    private DateTimeOffset _batchOpened;
    private DateTimeOffset _nextCommit = DateTimeOffset.MinValue;
    private bool _firstBatch = true;
    private long _readings;

    /// <summary>Creates the recorder.</summary>
    public Recorder(DurableLog log, RecorderOptions options, TimeProvider time, ILogger<Recorder> logger)
    {
        _log = log;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Records committed so far, for status and tests.</summary>
    public long Committed { get; private set; }

    /// <summary>Readings taken in so far (for bytes written per reading).</summary>
    public long Readings => Interlocked.Read(ref _readings);

    /// <summary>The group-commit cadence (what a power cut may cost at most, beside the open batch).</summary>
    public TimeSpan CommitInterval => _options.CommitInterval;

    /// <inheritdoc />
    public void Record(Reading reading)
    {
        Interlocked.Increment(ref _readings);
        _inbox.Writer.TryWrite(new Item(reading, null));
    }

    /// <inheritdoc />
    public void Record(GatewayEvent gatewayEvent) => _inbox.Writer.TryWrite(new Item(default, gatewayEvent));

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Complete the inbox so the loop drains it, closes the open batch and commits before the host stops.
        _inbox.Writer.TryComplete();
        await base.StopAsync(cancellationToken);

        // .NET 10 starts ExecuteAsync with Task.Run on the stopping token: a stop that comes before the loop
        // ran cancels it unrun, and the queued readings would be lost. Once the loop is over, flush here.
        if (ExecuteTask is null || ExecuteTask.IsCompleted)
        {
            Drain(_inbox.Reader);
            CloseBatch();
            Commit();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _inbox.Reader;
        RecordReset();
        try
        {
            while (true)
            {
                bool more = await WaitAsync(reader, stoppingToken);
                Drain(reader);
                var now = _time.GetUtcNow();
                if (!more || _batch.Count > 0 && now - _batchOpened >= BatchAge)
                {
                    CloseBatch();
                }

                if (!more || _pending.Count > 0 && now >= _nextCommit)
                {
                    Commit();
                }

                if (!more)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown without StopAsync: keep what is in hand.
            Drain(reader);
            CloseBatch();
            Commit();
        }
        catch (Exception ex)
        {
            Log.Failed(_logger, ex);
            throw;
        }
    }

    private async Task<bool> WaitAsync(ChannelReader<Item> reader, CancellationToken ct)
    {
        if (_batch.Count == 0 && _pending.Count == 0)
        {
            return await reader.WaitToReadAsync(ct);
        }

        // Something is open: wake up for new input, when the batch comes of age, or when the next commit is due
        // (also the retry of a full disk).
        var due = DateTimeOffset.MaxValue;
        if (_batch.Count > 0)
        {
            due = _batchOpened + BatchAge;
        }

        if (_pending.Count > 0 && _nextCommit < due)
        {
            due = _nextCommit;
        }

        TimeSpan wait = due - _time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }

        // No CancelAfter here: it runs on the system clock, not _time; the Task.Delay below bounds the wait.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(wait, _time, timeout.Token);
        var input = reader.WaitToReadAsync(timeout.Token).AsTask();
        var first = await Task.WhenAny(input, delay);
        await timeout.CancelAsync();
        ct.ThrowIfCancellationRequested();
        return first != input || !input.IsCompletedSuccessfully || input.Result;
    }

    private void Drain(ChannelReader<Item> reader)
    {
        while (reader.TryRead(out var item))
        {
            if (item.Event is null)
            {
                var reading = item.Reading;
                if (_batch.Count == 0)
                {
                    _batchOpened = _time.GetUtcNow();
                }

                _batch.Add(reading);
                if (_batch.Count >= _options.MaxBatchReadings)
                {
                    CloseBatch();
                }
            }
            else
            {
                _pending.Add(Entry(item.Event));
            }
        }
    }

    private void CloseBatch()
    {
        if (_batch.Count == 0)
        {
            return;
        }

        if (_firstBatch)
        {
            // The first telemetry after start is committed as soon as it closes, not held to the cadence.
            _firstBatch = false;
            _nextCommit = DateTimeOffset.MinValue;
        }

        // No tag for telemetry: history.get filters points on the readings themselves, and a batch's list of point
        // names (~1.4 KB for 200 points, stored uncompressed) was 7 B per reading written twice to the flash.
        _pending.Add(new LogEntry(RecordKind.Telemetry, _batch[0].Timestamp, PayloadWriter.TelemetryBody(_batch), ""));
        _batch.Clear();
    }

    private readonly record struct Item(Reading Reading, GatewayEvent? Event);

    // The first batch after start closes early: the centre sees the gateway's readings within about a second.
    private TimeSpan BatchAge => _firstBatch && FirstBatchAge < _options.MaxBatchAge ? FirstBatchAge : _options.MaxBatchAge;

    private void Commit()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        _nextCommit = _time.GetUtcNow() + _options.CommitInterval;

        // A record larger than the whole budget can never be stored; it must not block the ones behind it.
        var dropped = Count(_pending.Where(e => !_log.Fits(e)));
        _pending.RemoveAll(e => !_log.Fits(e));
        try
        {
            _log.Append(_pending);
            Committed += _pending.Count;
            _pending.Clear();
        }
        catch (StorageFullException ex)
        {
            // What the log stored before the disk refused has its seqs: never append it twice.
            Committed += ex.Stored;
            _pending.RemoveRange(0, ex.Stored);
            Log.StorageFull(_logger, _pending.Count, ex.Message);
            _nextCommit = _time.GetUtcNow() + FullRetry;
            var trimmed = TrimOldest(_pending, _options.MaxPendingWhileFull);
            dropped = (dropped.Telemetry + trimmed.Telemetry, dropped.Events + trimmed.Events);
        }

        var pruned = _log.Prune();
        dropped = (dropped.Telemetry + pruned.UnsentTelemetryDropped, dropped.Events + pruned.UnsentEventsDropped);
        if (dropped.Telemetry + dropped.Events > 0)
        {
            RecordDropped(dropped.Telemetry, dropped.Events);
        }
    }

    // Over the in-memory bound while the disk refuses writes: the oldest telemetry goes first, events only when
    // nothing but events is left (DESIGN.md: events last, everywhere).
    internal static (int Telemetry, int Events) TrimOldest(List<LogEntry> pending, int max)
    {
        int excess = pending.Count - max;
        if (excess <= 0)
        {
            return (0, 0);
        }

        // One pass: the oldest `excess` telemetry entries go (RemoveAll keeps the order of the rest).
        int telemetry = 0;
        pending.RemoveAll(e =>
        {
            if (e.Kind != RecordKind.Telemetry || telemetry == excess)
            {
                return false;
            }

            telemetry++;
            return true;
        });
        int events = Math.Min(excess - telemetry, pending.Count);
        pending.RemoveRange(0, events);
        return (telemetry, events);
    }

    // The log had to start afresh (its file was damaged or missing): say so in the log itself, first thing.
    private void RecordReset()
    {
        if (_log.Reset is not { } reset)
        {
            return;
        }

        Log.LogReset(_logger, reset.Reason, reset.MovedTo, reset.NextSeq);
        _pending.Add(Entry(new GatewayEvent("log.reset", "log", Severity.Warning, _time.GetUtcNow(), new Dictionary<string, object?>
        {
            ["reason"] = reset.Reason,
            ["movedTo"] = reset.MovedTo,
            ["nextSeq"] = reset.NextSeq,
        })));
    }

    private static LogEntry Entry(GatewayEvent e) => new(RecordKind.Event, e.Timestamp, PayloadWriter.EventBody(e), e.Type);

    private void RecordDropped(int telemetry, int events)
    {
        Log.Dropped(_logger, telemetry, events);
        var now = _time.GetUtcNow();
        var e = new GatewayEvent("log.dropped", "log", Severity.Warning, now, new Dictionary<string, object?>
        {
            ["telemetry"] = telemetry,
            ["events"] = events,
        });
        var entry = Entry(e);
        try
        {
            _log.Append([entry]);
        }
        catch (StorageFullException)
        {
            // The disk is still full: the notice waits with the rest and goes in with the next commit.
            _pending.Add(entry);
        }
    }

    private static (int Telemetry, int Events) Count(IEnumerable<LogEntry> entries)
    {
        var list = entries.ToList();
        return (list.Count(e => e.Kind == RecordKind.Telemetry), list.Count(e => e.Kind == RecordKind.Event));
    }
}
