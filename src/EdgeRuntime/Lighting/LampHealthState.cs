namespace EdgeGateway.Runtime.Lighting;

/// <summary>Lamp-failure detection state (TALQ lampFailure).</summary>
/// <param name="Failed">True once <c>lamp.failure</c> was raised, until <c>lamp.recovered</c>.</param>
/// <param name="SuspectSince">When the power first fell below the threshold without interruption.</param>
/// <param name="RecoveringSince">While failed: when the power first came back above the threshold.</param>
internal sealed record LampHealthState(bool Failed, DateTimeOffset? SuspectSince, DateTimeOffset? RecoveringSince)
{
    /// <summary>Healthy, nothing pending.</summary>
    public static LampHealthState Healthy { get; } = new(false, null, null);
}
