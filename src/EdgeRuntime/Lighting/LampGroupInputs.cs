using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>What a lamp group sees at one decision, taken from the point table.</summary>
/// <param name="Lux">Latest ambient light reading (lx) with quality and timestamp; null when the group has no sensor.</param>
/// <param name="ClockSynced">True when the system clock is trustworthy (NTP/RTC synced): the clock and program may be used.</param>
/// <param name="PowerW">Latest measured power of the group's circuit (W); null when not metered.</param>
internal sealed record LampGroupInputs(Reading? Lux, bool ClockSynced, Reading? PowerW = null);
