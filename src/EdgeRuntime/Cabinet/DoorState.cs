namespace EdgeGateway.Runtime.Cabinet;

/// <summary>Immutable state of the door debouncer.</summary>
/// <param name="Open">The debounced position; null until the first level has been stable.</param>
/// <param name="Candidate">The raw level being debounced.</param>
/// <param name="CandidateSince">When the raw level last changed.</param>
/// <param name="OpenedAt">When the current opening was confirmed.</param>
/// <param name="Openings">Openings counted.</param>
internal sealed record DoorState(bool? Open, bool? Candidate, DateTimeOffset CandidateSince, DateTimeOffset? OpenedAt, int Openings)
{
    /// <summary>Nothing seen yet.</summary>
    public static DoorState Initial { get; } = new(null, null, DateTimeOffset.MinValue, null, 0);
}
