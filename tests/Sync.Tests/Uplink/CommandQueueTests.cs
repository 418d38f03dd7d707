using System.Collections.Concurrent;
using System.Text;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Sync.Tests.Uplink;

[Trait("Category", "Unit")]
public sealed class CommandQueueTests
{
    private readonly ConcurrentQueue<string> _published = new();
    private readonly GatedHandler _handler = new();

    [Fact]
    public async Task Enqueue_MoreThanCapacity_ExtraAnsweredUnavailableAtOnceOthersRunInOrder()
    {
        var queue = New(capacity: 3);
        queue.Start();

        queue.Enqueue(Request(0));
        Assert.True(await _handler.Entered.WaitAsync(TimeSpan.FromSeconds(30)));
        for (int i = 1; i < 10; i++)
        {
            queue.Enqueue(Request(i));
        }

        // One is running (held at the gate), three wait: the other six are refused without waiting for the gate.
        await Until(() => _published.Count(p => p.StartsWith("unavailable", StringComparison.Ordinal)) == 6);
        _handler.Gate.Release(100);
        await queue.StopAsync();

        Assert.Equal(6, queue.Refused);
        Assert.Equal(4, queue.Handled);
        Assert.Equal(["ok 0", "ok 1", "ok 2", "ok 3"], _published.Where(p => p.StartsWith("ok", StringComparison.Ordinal)));
        Assert.Equal(10, _published.Count);
    }

    [Fact]
    public async Task StopAsync_CommandHangs_CancelledAfterDrainAndRestAnsweredUnavailable()
    {
        var queue = New(capacity: 10, drain: TimeSpan.FromMilliseconds(200));
        queue.Start();
        for (int i = 0; i < 3; i++)
        {
            queue.Enqueue(Request(i));
        }

        Assert.True(await _handler.Entered.WaitAsync(TimeSpan.FromSeconds(30)));
        await queue.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["cancelled 0", "unavailable 1", "unavailable 2"], _published);
        queue.Enqueue(Request(9));
        Assert.Equal(3, _published.Count); // after stop nothing more runs; the refusal channel is closed
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }

    private static InboundMessage Request(int i) => new("edge/gw/cmd/test", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "r", null);

    private CommandQueue New(int capacity, TimeSpan? drain = null) => new(
        _handler,
        (m, _) =>
        {
            _published.Enqueue(Encoding.UTF8.GetString(m.Payload));
            return Task.FromResult(PublishOutcome.Acked);
        },
        new CommandOptions { QueueCapacity = capacity, DrainTimeout = drain ?? TimeSpan.FromSeconds(30) },
        TestLog.For<CommandQueue>());

    private sealed class GatedHandler : ICommandHandler
    {
        public SemaphoreSlim Gate { get; } = new(0);

        public SemaphoreSlim Entered { get; } = new(0);

        public async Task<IReadOnlyList<OutboundMessage>> HandleAsync(InboundMessage request, CancellationToken cancellationToken)
        {
            string n = Encoding.UTF8.GetString(request.Payload);
            Entered.Release();
            try
            {
                await Gate.WaitAsync(cancellationToken);
                return [new OutboundMessage("r", Encoding.UTF8.GetBytes("ok " + n))];
            }
            catch (OperationCanceledException)
            {
                return [new OutboundMessage("r", Encoding.UTF8.GetBytes("cancelled " + n))];
            }
        }

        public IReadOnlyList<OutboundMessage> Unavailable(InboundMessage request, string reason) =>
            [new OutboundMessage("r", Encoding.UTF8.GetBytes("unavailable " + Encoding.UTF8.GetString(request.Payload)))];
    }
}
