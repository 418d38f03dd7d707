namespace EdgeGateway.Runtime.Cabinet;

/// <summary>The cabinet's state for <c>state.get</c> and the technician page.</summary>
/// <param name="DoorOpen">Debounced door position; null without a door contact or before it settled.</param>
/// <param name="Openings">Openings counted since start.</param>
/// <param name="SessionUntil">End of the technician session, if one is open.</param>
/// <param name="Overtemp">The over-temperature alarm is active.</param>
/// <param name="PowerLost">Mains is lost.</param>
/// <param name="IsNight">The sun is below the horizon at the site.</param>
internal sealed record CabinetStatus(bool? DoorOpen, int Openings, DateTimeOffset? SessionUntil, bool Overtemp, bool PowerLost, bool IsNight);
