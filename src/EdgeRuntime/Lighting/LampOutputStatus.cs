namespace EdgeGateway.Runtime.Lighting;

/// <summary>What one physical output of a lamp group actually took, for the technician page.</summary>
/// <param name="Output">The output's name (e.g. <c>pwm1:0</c>).</param>
/// <param name="Level">The last level it took without an error, 0-100 % (for an output that writes in the background,
/// such as a Modbus LED driver, the last level sent: its failure surfaces on the next write); null when none.</param>
/// <param name="FailingSince">When it stopped taking levels (the first failed write since it last took one); null while it answers.</param>
/// <param name="LastError">Why the last write failed; null while it answers.</param>
internal sealed record LampOutputStatus(string Output, int? Level, DateTimeOffset? FailingSince, string? LastError);
