using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using EdgeGateway.Sync.Tests.Support;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Sync.Tests.Uplink;

/// <summary>
/// An <see cref="IUplinkTransport"/> the test drives: every connect and publish is reported on a channel,
/// connects can be made to fail, and each publish's outcome is chosen by <see cref="Outcome"/> or, when that
/// returns null, held until the test completes it.
/// </summary>
internal sealed class FakeUplinkTransport : IUplinkTransport
{
    private readonly Channel<int> _connects = Channel.CreateUnbounded<int>();
    private readonly Channel<PublishCall> _publishes = Channel.CreateUnbounded<PublishCall>();
    private int _connectCalls;
    private int _disconnectCalls;
    private int _failConnects;
    private int _probeCalls;

    public event Func<InboundMessage, Task>? Received;

    public bool IsConnected { get; private set; }

    /// <summary>How many of the next connect attempts throw.</summary>
    public int FailConnects { get => Volatile.Read(ref _failConnects); set => Volatile.Write(ref _failConnects, value); }

    /// <summary>The outcome of a publish, or null to hold it for the test.</summary>
    public Func<PublishCall, PublishOutcome?> Outcome { get; set; } = _ => PublishOutcome.Acked;

    public int ConnectCalls => Volatile.Read(ref _connectCalls);

    /// <summary>Thrown by failing connects instead of a network error (e.g. a broker refusal).</summary>
    public Func<int, Exception>? ConnectFailure { get; set; }

    /// <summary>What a probe answers; null: the transport cannot probe.</summary>
    public Func<bool>? Probe { get; set; }

    public int ProbeCalls => Volatile.Read(ref _probeCalls);

    public string? LastReasonCode { get; set; }

    public bool CanProbe => Probe is not null;

    public Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _probeCalls);
        return Task.FromResult(Probe!());
    }

    public int DisconnectCalls => Volatile.Read(ref _disconnectCalls);

    public ConcurrentQueue<PublishCall> Published { get; } = new();

    public ConcurrentQueue<string> Subscriptions { get; } = new();

    public (string Topic, byte[] Payload)? Will { get; private set; }

    public Task ConnectAsync(string willTopic, byte[] willPayload, CancellationToken cancellationToken)
    {
        int n = Interlocked.Increment(ref _connectCalls);
        Will = (willTopic, willPayload);
        _connects.Writer.TryWrite(n);
        if (Interlocked.Decrement(ref _failConnects) >= 0)
        {
            IsConnected = false;
            throw ConnectFailure?.Invoke(n) ?? new IOException($"connection refused (attempt {n})");
        }

        Interlocked.Exchange(ref _failConnects, 0);
        IsConnected = true;
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(string topicFilter, CancellationToken cancellationToken)
    {
        Subscriptions.Enqueue(topicFilter);
        return Task.CompletedTask;
    }

    public Task<PublishOutcome> PublishAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var call = new PublishCall(message);
        Published.Enqueue(call);
        if (Outcome(call) is { } outcome)
        {
            call.Complete(outcome);
        }

        _publishes.Writer.TryWrite(call);
        return call.Result.WaitAsync(cancellationToken);
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(IsConnected);

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _disconnectCalls);
        IsConnected = false;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Delivers a message as if the broker had sent it on a subscribed topic.</summary>
    public Task ReceiveAsync(InboundMessage message) => Received?.Invoke(message) ?? Task.CompletedTask;

    public Task<int> NextConnectAsync() => _connects.Reader.ReadAsync().Bounded();

    public Task<PublishCall> NextPublishAsync() => _publishes.Reader.ReadAsync().Bounded();

    public async Task<List<PublishCall>> NextPublishesAsync(int count)
    {
        var calls = new List<PublishCall>();
        for (int i = 0; i < count; i++)
        {
            calls.Add(await NextPublishAsync());
        }

        return calls;
    }

    public bool HasPendingPublish => _publishes.Reader.TryPeek(out _);
}

/// <summary>One publish as the transport saw it, with its payload parsed when it is JSON.</summary>
internal sealed class PublishCall
{
    private readonly TaskCompletionSource<PublishOutcome> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PublishCall(OutboundMessage message)
    {
        Message = message;
        try
        {
            using var doc = JsonDocument.Parse(message.Payload);
            Json = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            Json = null;
        }
    }

    public OutboundMessage Message { get; }

    public JsonElement? Json { get; }

    /// <summary>The record's seq for telemetry and events, null for anything else.</summary>
    public long? Seq => Json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("seq", out var s) ? s.GetInt64() : null;

    /// <summary>"online"/"offline" for status messages.</summary>
    public string? State => Json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("state", out var s) ? s.GetString() : null;

    public Task<PublishOutcome> Result => _result.Task;

    public PublishOutcome? Outcome => _result.Task.IsCompletedSuccessfully ? _result.Task.Result : null;

    public void Complete(PublishOutcome outcome) => _result.TrySetResult(outcome);
}
