namespace EdgeGateway.Runtime.Lighting;

/// <summary>What the photocell loop decided at one instant.</summary>
/// <param name="State">The next state.</param>
/// <param name="Switched">True when the lamps changed between on and off at this instant.</param>
public readonly record struct PhotocellDecision(PhotocellState State, bool Switched);
