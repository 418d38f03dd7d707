namespace EdgeGateway.Runtime.Cabinet;

/// <summary>One look at the door contact and its context.</summary>
/// <param name="Open">The raw GPIO level interpreted as "door open" (contact released), bounce included.</param>
/// <param name="IsNight">The astronomical clock says night (sunset to sunrise).</param>
/// <param name="TechnicianSession">A technician is logged in on the local page or announced the visit.</param>
internal readonly record struct DoorInput(bool Open, bool IsNight, bool TechnicianSession);
