using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>One decision's outputs: the commanded level and the events it raised.</summary>
/// <param name="Level">Commanded level, 0-100 % (0 = off).</param>
/// <param name="Events"><c>light.on</c>/<c>light.off</c>/<c>light.level</c>, <c>lamp.failure</c>/<c>lamp.recovered</c>.</param>
internal sealed record LampGroupOutput(int Level, IReadOnlyList<GatewayEvent> Events);
