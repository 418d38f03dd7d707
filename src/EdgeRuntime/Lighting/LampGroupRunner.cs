using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Astro;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// One lamp group's controller with its state, fed by the host (<see cref="LightingService"/>) and by
/// <c>replay</c> alike: the same decision code runs in both. Thread-safe: commands arrive on other threads.
/// </summary>
internal sealed class LampGroupRunner
{
    private readonly Lock _gate = new();
    private readonly LampGroupController _controller;
    private LampGroupState _state;

    /// <summary>Creates the runner; <paramref name="counters"/> are the persisted burning hours, switch-ons, energy.</summary>
    public LampGroupRunner(LampGroupOptions options, SiteLocation site, LampCounters? counters = null)
    {
        _controller = new LampGroupController(options, site);
        _state = LampGroupState.WithCounters(counters ?? LampCounters.Zero);
    }

    /// <summary>The group id.</summary>
    public string Id => _controller.Options.Id;

    /// <summary>The counters now.</summary>
    public LampCounters Counters { get { lock (_gate) { return _state.Counters; } } }

    /// <summary>The level decided last, if any.</summary>
    public int? Level { get { lock (_gate) { return _state.Level; } } }

    /// <summary>Runs one decision.</summary>
    public LampGroupOutput Step(Reading? lux, Reading? powerW, bool clockSynced, DateTimeOffset now)
    {
        lock (_gate)
        {
            (_state, var output) = _controller.Decide(_state, new LampGroupInputs(lux, clockSynced, powerW), now);
            return output;
        }
    }

    /// <summary>Holds the group at the request's level until it expires; the newest override wins.</summary>
    public void Override(OverrideRequest request, DateTimeOffset now)
    {
        lock (_gate)
        {
            _state = _controller.ApplyOverride(_state, request, now);
        }
    }

    /// <summary>Returns the group to its program.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _state = _controller.Release(_state);
        }
    }

    /// <summary>The group's status for state.get, the web page and /metrics.</summary>
    public LampGroupStatus Status(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _controller.Status(_state, now);
        }
    }
}
