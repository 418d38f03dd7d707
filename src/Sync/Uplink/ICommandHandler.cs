namespace EdgeGateway.Sync.Uplink;

/// <summary>Answers commands that arrive on <c>…/cmd/{name}</c>. Returns the response to publish, or null
/// when the request named nowhere to reply.</summary>
public interface ICommandHandler
{
    /// <summary>Handles one request; never throws (failures become error responses).</summary>
    Task<IReadOnlyList<OutboundMessage>> HandleAsync(InboundMessage request, CancellationToken cancellationToken);

    /// <summary>The answer to a request that will not run (the queue is full, the gateway is stopping): <c>unavailable</c>.</summary>
    IReadOnlyList<OutboundMessage> Unavailable(InboundMessage request, string reason) => [];
}
