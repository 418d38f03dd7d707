using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Cabinet;

/// <summary>
/// Pure door-contact debouncer: a reed/micro switch bounces for a few ms on each movement, so a level becomes
/// the door position only after it has held for <c>debounce</c>; each confirmed change is one
/// <c>door.opened</c>/<c>door.closed</c>. Call it on every GPIO edge and on a periodic tick (the last edge of a
/// bounce is only confirmed by a later call). An opening at night without a technician session is Critical
/// (DESIGN.md/Severity: "a door forced at night"), by day without a session Warning, with a session Info.
/// </summary>
internal sealed class DoorDebouncer(string source = "cabinet.door", TimeSpan? debounce = null)
{
    private readonly TimeSpan _debounce = debounce ?? TimeSpan.FromMilliseconds(50);

    /// <summary>One look at the contact.</summary>
    public CabinetDecision<DoorState> Decide(DoorState state, DoorInput input, DateTimeOffset now)
    {
        if (state.Candidate != input.Open)
        {
            state = state with { Candidate = input.Open, CandidateSince = now };
        }

        if (now - state.CandidateSince < _debounce || state.Open == input.Open)
        {
            return new(state, []);
        }

        if (input.Open)
        {
            var severity = input.TechnicianSession ? Severity.Info : input.IsNight ? Severity.Critical : Severity.Warning;
            var opened = new GatewayEvent("door.opened", source, severity, now, new Dictionary<string, object?>
            {
                ["night"] = input.IsNight, ["technicianSession"] = input.TechnicianSession,
            });
            return new(state with { Open = true, OpenedAt = now, Openings = state.Openings + 1 }, [opened]);
        }

        if (state.Open is null)
        {
            // Closed at start-up is the normal state: nothing to report.
            return new(state with { Open = false }, []);
        }

        var closed = new GatewayEvent("door.closed", source, Severity.Info, now, new Dictionary<string, object?>
        {
            ["openS"] = Math.Round((now - (state.OpenedAt ?? now)).TotalSeconds),
        });
        return new(state with { Open = false, OpenedAt = null }, [closed]);
    }
}
