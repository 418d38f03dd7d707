namespace EdgeGateway.Sync.Uplink;

/// <summary>Null object: a gateway without a command router ignores commands.</summary>
public sealed class NoCommands : ICommandHandler
{
    /// <inheritdoc />
    public Task<IReadOnlyList<OutboundMessage>> HandleAsync(InboundMessage request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboundMessage>>([]);
}
