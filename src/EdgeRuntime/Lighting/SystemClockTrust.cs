namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// The Pi has no RTC by default: until systemd-timesyncd has synced once after boot (it creates
/// <c>/run/systemd/timesync/synchronized</c>), the clock may be days off. A battery-backed RTC
/// (<c>/dev/rtc0</c>) keeps it right across power cuts.
/// </summary>
internal sealed class SystemClockTrust(string syncedFlag = "/run/systemd/timesync/synchronized", string rtc = "/dev/rtc0") : IClockTrust
{
    /// <inheritdoc />
    public bool Synced => File.Exists(syncedFlag) || File.Exists(rtc);
}
