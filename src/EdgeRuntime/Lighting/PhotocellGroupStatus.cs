namespace EdgeGateway.Runtime.Lighting;

/// <summary>A photocell-driven lamp group's state for <c>state.get</c>.</summary>
/// <param name="Group">Group id.</param>
/// <param name="On">Lamps on.</param>
/// <param name="Level">Commanded level 0-100.</param>
/// <param name="Cause">Why: photocell, astro, program, override or failsafe.</param>
/// <param name="Since">When the level last changed.</param>
public sealed record PhotocellGroupStatus(string Group, bool On, double Level, string Cause, DateTimeOffset? Since);
