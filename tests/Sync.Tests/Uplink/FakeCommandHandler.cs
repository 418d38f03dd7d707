using System.Threading.Channels;
using EdgeGateway.Sync.Tests.Support;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Sync.Tests.Uplink;

/// <summary>Answers every request with one response on its response topic and reports what it handled.</summary>
internal sealed class FakeCommandHandler : ICommandHandler
{
    private readonly Channel<InboundMessage> _handled = Channel.CreateUnbounded<InboundMessage>();

    public Task<IReadOnlyList<OutboundMessage>> HandleAsync(InboundMessage request, CancellationToken cancellationToken)
    {
        _handled.Writer.TryWrite(request);
        IReadOnlyList<OutboundMessage> responses = request.ResponseTopic is { } topic
            ? [new OutboundMessage(topic, """{"ok":true,"result":{"uptimeS":1}}"""u8.ToArray(), 1, false, request.CorrelationData)]
            : [];
        return Task.FromResult(responses);
    }

    public Task<InboundMessage> NextHandledAsync() => _handled.Reader.ReadAsync().Bounded();
}
