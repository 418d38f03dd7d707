using System.Text.Json;
using EdgeGateway.Sync.Json;
using EdgeGateway.Sync.Log;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EdgeGateway.Sync.Uplink;

/// <summary>
/// Delivers the durable log to the broker and takes commands from it. Owns the reconnect loop (MQTTnet 5
/// has no managed client): connect through a Polly retry pipeline (exponential backoff with jitter, on the
/// injected <see cref="TimeProvider"/>), publish the retained status and meta, then pump unsent records at
/// QoS 1, moving the log's checkpoint only over the contiguous prefix of PUBACKs; ping while idle.
/// </summary>
public sealed class MqttUplink : BackgroundService, IUplink
{
    private readonly IUplinkTransport _transport;
    private readonly DurableLog _log;
    private readonly UplinkIdentity _identity;
    private readonly MqttBrokerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttUplink> _logger;
    private readonly ICommandHandler _commands;
    private readonly Func<byte[]> _meta;
    private readonly AckTracker _acks = new();
    private readonly SemaphoreSlim _appended = new(0, 1);
    private volatile UplinkStatus _status;
    private long _resendFrom;

    /// <summary>Creates the uplink.</summary>
    public MqttUplink(
        IUplinkTransport transport,
        DurableLog log,
        UplinkIdentity identity,
        MqttBrokerOptions options,
        TimeProvider time,
        ILogger<MqttUplink> logger,
        ICommandHandler commands,
        Func<byte[]> meta)
    {
        _transport = transport;
        _log = log;
        _identity = identity;
        _options = options;
        _time = time;
        _logger = logger;
        _commands = commands;
        _meta = meta;
        _status = new UplinkStatus(UplinkState.Stopped, time.GetUtcNow(), null, null, 0, 0, 0);
        _log.Appended += OnAppended;
        _transport.Received += OnReceivedAsync;
    }

    /// <summary>The current status.</summary>
    public UplinkStatus Status => _status;

    /// <summary>Publishes outside the log (health, command responses) if online; false otherwise.</summary>
    public async Task<bool> TryPublishAsync(OutboundMessage message, CancellationToken cancellationToken) =>
        _transport.IsConnected && await _transport.PublishAsync(message, cancellationToken) == PublishOutcome.Acked;

    /// <inheritdoc />
    public bool RequestResend(long fromSeq)
    {
        Interlocked.Exchange(ref _resendFrom, Math.Max(1, fromSeq));
        OnAppended(); // wake an idle pump
        return true;
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // A clean shutdown says offline itself (CONTRACT.md), then disconnects normally so the will is not sent.
            if (_transport.IsConnected)
            {
                await _transport.PublishAsync(StatusMessage("offline"), cancellationToken);
                await _transport.DisconnectAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.Lost(_logger, ex.Message, 0);
        }

        SetState(UplinkState.Stopped);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connect = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested),
                // Our own exponential back-off with jitter: Polly's UseJitter (decorrelated jitter V2) may retry
                // well before ReconnectDelay, sometimes almost at once, and need not grow from one try to the next.
                DelayGenerator = args => new ValueTask<TimeSpan?>(Backoff(args.AttemptNumber)),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    string reason = args.Outcome.Exception?.Message ?? "unknown";
                    _status = _status with { State = UplinkState.Backoff, Since = _time.GetUtcNow(), LastError = reason, DownSince = _status.DownSince ?? _time.GetUtcNow() };
                    Log.ConnectFailed(_logger, _status.ConnectAttempts, reason, args.RetryDelay);
                    return default;
                },
            })
            .Build();

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await connect.ExecuteAsync(ConnectAsync, stoppingToken);
                string reason = await PumpAsync(stoppingToken);
                _acks.Reset();
                _status = _status with { State = UplinkState.Backoff, Since = _time.GetUtcNow(), LastError = reason, DownSince = _status.DownSince ?? _time.GetUtcNow() };
                Log.Lost(_logger, reason, _log.Unsent().Count);

                // A session that dies at once (a broker that takes the connect and then drops every publish) must
                // not turn into a hot connect loop: wait as after a failed connect.
                await Task.Delay(Backoff(0), _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: StopAsync says goodbye.
        }
    }

    private async ValueTask ConnectAsync(CancellationToken ct)
    {
        _status = _status with { State = UplinkState.Connecting, Since = _time.GetUtcNow(), ConnectAttempts = _status.ConnectAttempts + 1 };
        await _transport.ConnectAsync(_identity.StatusTopic, StatusMessage("offline").Payload, ct);
        await _transport.SubscribeAsync(_identity.CommandFilter, ct);
        if (await _transport.PublishAsync(StatusMessage("online"), ct) != PublishOutcome.Acked
            || await _transport.PublishAsync(new OutboundMessage(_identity.MetaTopic, _meta(), 1, true), ct) != PublishOutcome.Acked)
        {
            throw new IOException("Broker did not acknowledge the status and meta messages");
        }

        var now = _time.GetUtcNow();
        _status = _status with { State = UplinkState.Online, Since = now, LastConnected = now, LastError = null, DownSince = null };
        Log.Online(_logger, $"{_options.Host}:{_options.Port}");
    }

    private async Task<string> PumpAsync(CancellationToken ct)
    {
        long cursor = _log.Checkpoint;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (Interlocked.Exchange(ref _resendFrom, 0) is > 0 and long from)
            {
                // Go back without touching the checkpoint: the records were delivered once and stay delivered.
                cursor = Math.Min(cursor, from - 1);
            }

            var batch = _log.ReadAfter(cursor, _options.MaxInFlight);
            if (batch.Count == 0)
            {
                // Ping-or-wait: an idle uplink checks the session every keep-alive period.
                if (!await WaitForRecordsAsync(ct) && !await _transport.PingAsync(ct))
                {
                    return "broker did not answer a ping";
                }

                if (!_transport.IsConnected)
                {
                    return "connection closed";
                }

                continue;
            }

            foreach (var record in batch)
            {
                _acks.Sent(record.Seq);
            }

            var outcomes = await Task.WhenAll(batch.Select(r => _transport.PublishAsync(ToMessage(r), ct)));
            bool retry = false;
            for (int i = 0; i < batch.Count; i++)
            {
                switch (outcomes[i])
                {
                    case PublishOutcome.Acked:
                        Acknowledge(batch[i].Seq, deadLettered: false);
                        break;
                    case PublishOutcome.Invalid:
                        // One bad message never blocks the queue: park it and count it as delivered.
                        _log.DeadLetter(batch[i], "refused by broker");
                        Log.DeadLettered(_logger, batch[i].Seq);
                        Acknowledge(batch[i].Seq, deadLettered: true);
                        break;
                    default:
                        retry = true;
                        break;
                }
            }

            if (outcomes.Contains(PublishOutcome.Transient))
            {
                return "publish failed";
            }

            if (retry)
            {
                _acks.Reset();
                Log.Throttled(_logger, _options.ReconnectDelay);
                await Task.Delay(_options.ReconnectDelay, _time, ct);
                cursor = _log.Checkpoint;
                continue;
            }

            cursor = batch[^1].Seq;
        }
    }

    /// <summary>The wait before connect attempt <paramref name="attempt"/> + 1: ReconnectDelay doubling per attempt up
    /// to MaxReconnectDelay, spread by jitter so a fleet that lost the same broker does not return in step, and never
    /// shorter than ReconnectDelay.</summary>
    private TimeSpan Backoff(int attempt)
    {
        double first = _options.ReconnectDelay.TotalMilliseconds;
        double max = Math.Max(first, _options.MaxReconnectDelay.TotalMilliseconds);
        double delay = Math.Min(first * Math.Pow(2, Math.Min(attempt, 30)), max);
        double low = Math.Max(first, Math.Min(delay, max * 0.8));
        double high = Math.Max(low, Math.Min(delay * 1.25, max));
        return TimeSpan.FromMilliseconds(low + (Random.Shared.NextDouble() * (high - low)));
    }

    private void Acknowledge(long seq, bool deadLettered)
    {
        _status = deadLettered ? _status with { DeadLettered = _status.DeadLettered + 1 } : _status with { Published = _status.Published + 1 };
        if (_acks.Acked(seq) is long checkpoint)
        {
            _log.Commit(checkpoint);
        }
    }

    private async Task<bool> WaitForRecordsAsync(CancellationToken ct)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var signal = _appended.WaitAsync(idle.Token);
        var first = await Task.WhenAny(signal, Task.Delay(_options.KeepAlive, _time, idle.Token));
        await idle.CancelAsync();
        ct.ThrowIfCancellationRequested();
        return first == signal && signal.IsCompletedSuccessfully;
    }

    private OutboundMessage ToMessage(LogRecord record) => new(
        record.Kind == RecordKind.Telemetry ? _identity.TelemetryTopic : _identity.EventsTopic,
        PayloadWriter.Message(_identity.GatewayId, record));

    private OutboundMessage StatusMessage(string state) => new(
        _identity.StatusTopic,
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["gatewayId"] = _identity.GatewayId,
            ["state"] = state,
            ["ts"] = Iso8601.Format(_time.GetUtcNow()),
            ["version"] = _identity.Version,
            ["bootId"] = _identity.BootId,
        }),
        1,
        true);

    private void OnAppended()
    {
        if (_appended.CurrentCount == 0)
        {
            try
            {
                _appended.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another appender signalled first; one wake-up is enough.
            }
        }
    }

    private Task OnReceivedAsync(InboundMessage message)
    {
        // Never await a QoS 1 publish inside MQTTnet's receive callback: its PUBACK is read by the same loop.
        _ = Task.Run(() => HandleCommandAsync(message));
        return Task.CompletedTask;
    }

    private async Task HandleCommandAsync(InboundMessage message)
    {
        try
        {
            foreach (var response in await _commands.HandleAsync(message, CancellationToken.None))
            {
                await _transport.PublishAsync(response, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            Log.CommandFailed(_logger, message.Topic, ex);
        }
    }

    private void SetState(UplinkState state) => _status = _status with { State = state, Since = _time.GetUtcNow() };
}
