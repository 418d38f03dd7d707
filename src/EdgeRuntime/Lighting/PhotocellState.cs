namespace EdgeGateway.Runtime.Lighting;

/// <summary>The photocell loop's state.</summary>
/// <param name="On">Whether the lamps are on.</param>
/// <param name="PendingSince">Since when the light has been continuously past the switching threshold.</param>
public sealed record PhotocellState(bool On, DateTimeOffset? PendingSince)
{
    /// <summary>Lamps off, nothing pending: the state at first boot. (A gateway that boots at night switches
    /// on after the on delay.)</summary>
    public static PhotocellState Initial { get; } = new(false, null);
}
