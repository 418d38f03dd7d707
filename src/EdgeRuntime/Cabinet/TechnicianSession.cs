namespace EdgeGateway.Runtime.Cabinet;

/// <summary>
/// The cabinet's one technician session, shared by the MQTT <c>cabinet.session</c> command and the technician page:
/// while it is open a door opening is Info, not an intrusion alarm. Each session that starts from closed gets a new
/// <see cref="TechnicianSessionStatus.Generation"/>, so a page login from an earlier session never revives.
/// Time is passed in by the caller (the host's <see cref="TimeProvider"/>). Thread-safe.
/// </summary>
internal sealed class TechnicianSession
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _until;
    private string _openedBy = "";
    private long _generation;

    /// <summary>Opens the session, or extends the open one, until <paramref name="now"/> + <paramref name="duration"/>.</summary>
    /// <param name="by">Who opened it: <c>mqtt</c> or <c>technician page</c>.</param>
    /// <param name="duration">How long it lasts from now.</param>
    /// <param name="now">The host's time.</param>
    public TechnicianSessionStatus Open(string by, TimeSpan duration, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!IsOpen(now))
            {
                _generation++;
            }

            _until = now + duration;
            _openedBy = by;
            return new TechnicianSessionStatus(_until.Value, _openedBy, _generation);
        }
    }

    /// <summary>Ends the session (the technician logged out or announced the end of the visit).</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_until is not null)
            {
                _generation++;
            }

            _until = null;
        }
    }

    /// <summary>The open session at <paramref name="now"/>, or null when none is open (never opened, closed, expired).</summary>
    public TechnicianSessionStatus? Current(DateTimeOffset now)
    {
        lock (_gate)
        {
            return IsOpen(now) ? new TechnicianSessionStatus(_until!.Value, _openedBy, _generation) : null;
        }
    }

    private bool IsOpen(DateTimeOffset now) => _until is { } until && now < until;
}
