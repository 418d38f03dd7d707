using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Waste;

/// <summary>What one measurement cycle decided.</summary>
/// <param name="State">The next state.</param>
/// <param name="Events">Zero or more of <c>bin.full</c>, <c>bin.emptied</c>, <c>sensor.fault</c>, <c>sensor.recovered</c>.</param>
/// <param name="Readings">The <c>{bin}.fill</c> point (%); Bad (last value kept) when no ping was valid.</param>
/// <param name="ValidPings">How many pings survived the no-echo, blind-zone and beyond-floor rejection.</param>
internal sealed record BinDecision(BinState State, IReadOnlyList<GatewayEvent> Events, IReadOnlyList<Reading> Readings, int ValidPings);
