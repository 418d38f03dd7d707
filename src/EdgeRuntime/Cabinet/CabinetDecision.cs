using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Cabinet;

/// <summary>What one step of a cabinet loop decided.</summary>
/// <typeparam name="TState">The loop's state record.</typeparam>
/// <param name="State">The next state.</param>
/// <param name="Events">Events raised by this step (usually none).</param>
internal sealed record CabinetDecision<TState>(TState State, IReadOnlyList<GatewayEvent> Events);
