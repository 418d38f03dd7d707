namespace EdgeGateway.Runtime.Lighting;

/// <summary>Null object for the virtual cabinet and replay, whose clock is right by construction.</summary>
internal sealed class TrustedClock : IClockTrust
{
    /// <inheritdoc />
    public bool Synced => true;
}
