using System.Threading.Channels;
using EdgeGateway.Drivers.Core;
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
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DurableLog _log;
    private readonly RecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<Recorder> _logger;
    private readonly List<Reading> _batch = [];
    private readonly List<LogEntry> _pending = [];
    private DateTimeOffset _batchOpened;

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

    /// <inheritdoc />
    public void Record(Reading reading) => _inbox.Writer.TryWrite(reading);

    /// <inheritdoc />
    public void Record(GatewayEvent gatewayEvent) => _inbox.Writer.TryWrite(gatewayEvent);

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
        try
        {
            while (true)
            {
                bool more = await WaitAsync(reader, stoppingToken);
                Drain(reader);
                if (!more || _batch.Count > 0 && _time.GetUtcNow() - _batchOpened >= _options.MaxBatchAge)
                {
                    CloseBatch();
                }

                Commit();
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

    private async Task<bool> WaitAsync(ChannelReader<object> reader, CancellationToken ct)
    {
        if (_batch.Count == 0 && _pending.Count == 0)
        {
            return await reader.WaitToReadAsync(ct);
        }

        // Something is open: wake up for new input or when the batch comes of age (or to retry a full disk).
        TimeSpan wait = _pending.Count > 0 ? TimeSpan.FromSeconds(5) : _batchOpened + _options.MaxBatchAge - _time.GetUtcNow();
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

    private void Drain(ChannelReader<object> reader)
    {
        while (reader.TryRead(out var item))
        {
            if (item is Reading reading)
            {
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
            else if (item is GatewayEvent e)
            {
                _pending.Add(new LogEntry(RecordKind.Event, e.Timestamp, PayloadWriter.EventBody(e), e.Type));
            }
        }
    }

    private void CloseBatch()
    {
        if (_batch.Count == 0)
        {
            return;
        }

        string points = string.Join('|', _batch.Select(r => r.Point).Distinct());
        _pending.Add(new LogEntry(RecordKind.Telemetry, _batch[0].Timestamp, PayloadWriter.TelemetryBody(_batch), points));
        _batch.Clear();
    }

    private void Commit()
    {
        if (_pending.Count == 0)
        {
            return;
        }

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
            Log.StorageFull(_logger, _pending.Count, ex.Message);
            if (_pending.Count > _options.MaxPendingWhileFull)
            {
                var trimmed = _pending.Take(_pending.Count - _options.MaxPendingWhileFull).ToList();
                _pending.RemoveRange(0, trimmed.Count);
                var t = Count(trimmed);
                dropped = (dropped.Telemetry + t.Telemetry, dropped.Events + t.Events);
            }
        }

        var pruned = _log.Prune();
        dropped = (dropped.Telemetry + pruned.UnsentTelemetryDropped, dropped.Events + pruned.UnsentEventsDropped);
        if (dropped.Telemetry + dropped.Events > 0)
        {
            RecordDropped(dropped.Telemetry, dropped.Events);
        }
    }

    private void RecordDropped(int telemetry, int events)
    {
        Log.Dropped(_logger, telemetry, events);
        var now = _time.GetUtcNow();
        var e = new GatewayEvent("log.dropped", "log", Severity.Warning, now, new Dictionary<string, object?>
        {
            ["telemetry"] = telemetry,
            ["events"] = events,
        });
        var entry = new LogEntry(RecordKind.Event, now, PayloadWriter.EventBody(e), e.Type);
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
