using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Sync.Uplink;

/// <summary>
/// Commands run one at a time, in arrival order, from a bounded queue: a flood of requests is bounded work, and a
/// request that does not fit is answered <c>unavailable</c> at once (every request gets exactly one answer).
/// Shutdown lets the queue drain for <see cref="CommandOptions.DrainTimeout"/>, then cancels the running command
/// and answers what is left <c>unavailable</c>.
/// </summary>
public sealed class CommandQueue
{
    private readonly ICommandHandler _handler;
    private readonly Func<OutboundMessage, CancellationToken, Task<PublishOutcome>> _publish;
    private readonly CommandOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<InboundMessage> _queue;
    private readonly Channel<IReadOnlyList<OutboundMessage>> _refusals = Channel.CreateBounded<IReadOnlyList<OutboundMessage>>(
        new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _abort = new();
    private Task _worker = Task.CompletedTask;
    private long _refused;
    private long _handled;

    /// <summary>Creates the queue; <paramref name="publish"/> sends a response.</summary>
    public CommandQueue(ICommandHandler handler, Func<OutboundMessage, CancellationToken, Task<PublishOutcome>> publish, CommandOptions options, ILogger logger, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _handler = handler;
        _publish = publish;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(Math.Max(1, options.QueueCapacity)) { SingleReader = true });
    }

    /// <summary>Requests waiting to run.</summary>
    public int Depth => _queue.Reader.Count;

    /// <summary>Requests answered <c>unavailable</c> because the queue was full or stopping.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Requests run (or answered by the router).</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Starts the worker.</summary>
    public void Start() => _worker = Task.Run(RunAsync);

    /// <summary>Queues a request; never blocks (it is called from the MQTT client's receive loop).</summary>
    public void Enqueue(InboundMessage request)
    {
        if (!_queue.Writer.TryWrite(request))
        {
            Refuse(request, _abort.IsCancellationRequested ? "the gateway is stopping; send the request again" : "the command queue is full; send the request again later");
        }
    }

    /// <summary>Stops taking requests, lets the queued ones run for the drain timeout, then cancels and answers the rest.</summary>
    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        _refusals.Writer.TryComplete();
        if (await Task.WhenAny(_worker, Task.Delay(_options.DrainTimeout, _time)) != _worker)
        {
            await _abort.CancelAsync();
        }

        await _worker;
        _abort.Dispose();
    }

    private void Refuse(InboundMessage request, string reason)
    {
        Interlocked.Increment(ref _refused);
        _refusals.Writer.TryWrite(_handler.Unavailable(request, reason));
    }

    private async Task RunAsync()
    {
        var refusals = Task.Run(async () =>
        {
            await foreach (var responses in _refusals.Reader.ReadAllAsync())
            {
                await PublishAsync(responses, CancellationToken.None);
            }
        });
        await foreach (var request in _queue.Reader.ReadAllAsync())
        {
            if (_abort.IsCancellationRequested)
            {
                Interlocked.Increment(ref _refused);
                await PublishAsync(_handler.Unavailable(request, "the gateway is stopping; send the request again"), CancellationToken.None);
                continue;
            }

            try
            {
                await PublishAsync(await _handler.HandleAsync(request, _abort.Token), CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.CommandFailed(_logger, request.Topic, ex);
            }

            Interlocked.Increment(ref _handled);
        }

        await refusals;
    }

    private async Task PublishAsync(IReadOnlyList<OutboundMessage> responses, CancellationToken ct)
    {
        foreach (var response in responses)
        {
            await _publish(response, ct);
        }
    }
}
