using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Parking;

/// <summary>What one <see cref="BayDetector"/> step decided.</summary>
/// <param name="State">The next state.</param>
/// <param name="Events">Zero or more of <c>parking.occupied</c>, <c>parking.vacant</c>, <c>sensor.fault</c>, <c>sensor.recovered</c>.</param>
/// <param name="Readings">The <c>{bay}.occupied</c> point (0/1); Bad while the sensor is faulted.</param>
internal sealed record BayDecision(BayState State, IReadOnlyList<GatewayEvent> Events, IReadOnlyList<Reading> Readings);
