namespace EdgeGateway.Runtime.Lighting;

/// <summary>Null object for the virtual cabinet and replay, whose clock is right by construction.</summary>
public sealed class TrustedClock : IClockTrust
{
    /// <inheritdoc />
    public bool Synced => true;
}
