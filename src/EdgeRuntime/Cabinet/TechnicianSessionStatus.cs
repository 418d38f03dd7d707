namespace EdgeGateway.Runtime.Cabinet;

/// <summary>An open technician session.</summary>
/// <param name="Until">When it ends by itself.</param>
/// <param name="OpenedBy">Who opened or last extended it: <c>mqtt</c> or <c>technician page</c>.</param>
/// <param name="Generation">Which session this is: a new number each time one opens from closed.</param>
internal sealed record TechnicianSessionStatus(DateTimeOffset Until, string OpenedBy, long Generation);
