namespace EdgeGateway.Runtime.Lighting;

/// <summary>Whether the wall clock can be trusted for the astronomical clock (synced by NTP or kept by an RTC).</summary>
internal interface IClockTrust
{
    /// <summary>True when the clock is trustworthy now.</summary>
    bool Synced { get; }
}
