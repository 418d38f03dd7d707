namespace EdgeGateway.Runtime.Lighting;

/// <summary>An operator override in force (CONTRACT.md <c>light.override</c>): the newest replaces the previous.</summary>
/// <param name="Level">The held level, 0-100 %.</param>
/// <param name="SetAt">When it was received.</param>
/// <param name="ExpiresAt">When it stops holding; the group returns to its program.</param>
/// <param name="By">Who set it (<c>mqtt</c>, <c>technician page</c>); null when unknown.</param>
internal sealed record OverrideState(int Level, DateTimeOffset SetAt, DateTimeOffset ExpiresAt, string? By = null)
{
    /// <summary>True while the override holds.</summary>
    public bool IsActiveAt(DateTimeOffset now) => now < ExpiresAt;
}
