using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Sync.Json;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Sync.Uplink;

/// <summary>
/// Delivers the durable log to the broker and takes commands from it. Owns the reconnect loop (MQTTnet 5
/// has no managed client): connect, waiting between attempts as <see cref="ReconnectSchedule"/> says (exponential
/// back-off with jitter on the injected <see cref="TimeProvider"/>, cut short by a probe when the broker returns),
/// publish the retained status and meta, then pump unsent records at QoS 1, moving the log's checkpoint only over
/// the contiguous prefix of PUBACKs; ping while idle. A broker that refuses the gateway (a CONNACK or PUBACK
/// reason code such as NotAuthorized, QuotaExceeded, ServerBusy, or a refused TLS handshake) holds the queue and
/// backs off, with one <c>uplink.refused</c> event per refusal and the code in <see cref="UplinkStatus.Refusal"/>;
/// only a message the broker calls malformed is dead-lettered. Commands run on a bounded queue
/// (<see cref="CommandQueue"/>) that shutdown drains.
/// </summary>
public sealed class MqttUplink : BackgroundService, IUplink
{
    private readonly IUplinkTransport _transport;
    private readonly DurableLog _log;
    private readonly UplinkIdentity _identity;
    private readonly MqttBrokerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttUplink> _logger;
    private readonly Func<byte[]> _meta;
    private readonly IRecorder? _events;
    private readonly ReconnectSchedule _schedule;
    private readonly CommandQueue _commandQueue;
    private readonly DrainPlan _plan;
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
        Func<byte[]> meta,
        IRecorder? events = null,
        ReconnectSchedule? schedule = null,
        CommandOptions? commandOptions = null)
    {
        _commandQueue = new CommandQueue(commands, transport.PublishAsync, commandOptions ?? new CommandOptions(), logger, time);
        _events = events;
        _schedule = schedule ?? new ReconnectSchedule(options);
        _transport = transport;
        _log = log;
        _identity = identity;
        _options = options;
        _time = time;
        _logger = logger;
        _meta = meta;
        _plan = new DrainPlan(log);
        _status = new UplinkStatus(UplinkState.Stopped, time.GetUtcNow(), null, null, 0, 0, 0);
        _log.Appended += OnAppended;
        _transport.Received += OnReceivedAsync;
    }

    /// <summary>The current status.</summary>
    public UplinkStatus Status => _status;

    /// <summary>The commands waiting to run.</summary>
    public CommandQueue Commands => _commandQueue;

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

        // Queued commands finish (bounded by Commands:DrainTimeout) and their answers leave before offline.
        await _commandQueue.StopAsync();
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
        _commandQueue.Start();
        int failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ConnectAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    var delay = _schedule.Backoff(failures++);
                    string? refusal = (ex as BrokerRefusedException)?.ReasonCode;
                    _status = _status with { State = UplinkState.Backoff, Since = _time.GetUtcNow(), LastError = ex.Message, DownSince = _status.DownSince ?? _time.GetUtcNow() };
                    Refused(refusal, ex.Message);
                    Log.ConnectFailed(_logger, _status.ConnectAttempts, ex.Message, delay);

                    // A broker that said no keeps its port open: probing would only bring the refusal back sooner.
                    await _schedule.WaitAsync(delay, refusal is null && _transport.CanProbe ? _transport.ProbeAsync : null, _time, stoppingToken);
                    continue;
                }

                failures = 0;
                string reason = await PumpAsync(stoppingToken);
                _status = _status with { State = UplinkState.Backoff, Since = _time.GetUtcNow(), LastError = reason, DownSince = _status.DownSince ?? _time.GetUtcNow() };
                Log.Lost(_logger, reason, _log.Unsent().Count);

                // A session that dies at once (a broker that takes the connect and then drops every publish) must
                // not turn into a hot connect loop: wait as after a failed connect.
                await _schedule.WaitAsync(_schedule.Backoff(0), null, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: StopAsync says goodbye.
        }
    }

    /// <summary>Notes a refusal (or its end, with null): once per new reason code an <c>uplink.refused</c> event.</summary>
    private void Refused(string? code, string detail)
    {
        string? previous = _status.Refusal;
        _status = _status with { Refusal = code };
        if (code is null || code == previous)
        {
            return;
        }

        Log.Refused(_logger, code, detail);
        _events?.Record(new GatewayEvent("uplink.refused", "uplink", Severity.Warning, _time.GetUtcNow(), new Dictionary<string, object?>
        {
            ["reasonCode"] = code,
            ["detail"] = detail,
            ["broker"] = $"{_options.Host}:{_options.Port}",
        }));
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
        _status = _status with { State = UplinkState.Online, Since = now, LastConnected = now, LastError = null, Refusal = null, DownSince = null };
        Log.Online(_logger, $"{_options.Host}:{_options.Port}");
    }

    private async Task<string> PumpAsync(CancellationToken ct)
    {
        // The backlog is what was unsent when the session began: its events go first, then whatever is committed
        // meanwhile (live), then its telemetry (DrainPlan): fresh readings never wait behind a long outage's history.
        _plan.Begin();
        int refusals = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (Interlocked.Exchange(ref _resendFrom, 0) is > 0 and long from)
            {
                // Go back without touching the checkpoint: the records were delivered once and stay delivered.
                _plan.Resend(from);
            }

            var batch = _plan.Next(_options.MaxInFlight);
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

            var outcomes = await Task.WhenAll(batch.Select(r => _transport.PublishAsync(ToMessage(r.Record, r.Backlog), ct)));
            bool retry = false;
            for (int i = 0; i < batch.Count; i++)
            {
                var record = batch[i].Record;
                switch (outcomes[i])
                {
                    case PublishOutcome.Acked:
                        Acknowledge(record.Seq, deadLettered: false);
                        break;
                    case PublishOutcome.Invalid:
                        // One malformed message never blocks the queue: park it and count it as delivered.
                        _log.DeadLetter(record, $"refused by broker as malformed ({_transport.LastReasonCode ?? "invalid"})");
                        Log.DeadLettered(_logger, record.Seq);
                        Acknowledge(record.Seq, deadLettered: true);
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
                // Refused or throttled: the queue waits (nothing dead-lettered), backing off longer while it lasts,
                // then starts over from the checkpoint.
                var delay = _schedule.Backoff(refusals++);
                string code = _transport.LastReasonCode ?? (outcomes.Contains(PublishOutcome.Refused) ? "NotAuthorized" : "QuotaExceeded");
                _status = _status with { LastError = $"broker refused publishes: {code}" };
                Refused(code, $"PUBACK {code}; the queue is held");
                Log.Throttled(_logger, code, delay);
                await _schedule.WaitAsync(delay, null, _time, ct);
                _plan.Begin();
                continue;
            }

            if (refusals > 0)
            {
                refusals = 0;
                _status = _status with { LastError = null, Refusal = null };
            }
        }
    }

    private void Acknowledge(long seq, bool deadLettered)
    {
        _status = deadLettered ? _status with { DeadLettered = _status.DeadLettered + 1 } : _status with { Published = _status.Published + 1 };
        if (_plan.Acked(seq) is long checkpoint)
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

    private OutboundMessage ToMessage(LogRecord record, bool backlog) => new(
        record.Kind == RecordKind.Telemetry ? _identity.TelemetryTopic : _identity.EventsTopic,
        PayloadWriter.Message(_identity.GatewayId, record, backlog));

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
        _commandQueue.Enqueue(message);
        return Task.CompletedTask;
    }

    private void SetState(UplinkState state) => _status = _status with { State = state, Since = _time.GetUtcNow() };
}
