using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Cabinet;

namespace EdgeGateway.Runtime.Tests.Cabinet;

[Trait("Category", "Unit")]
public sealed class DoorDebouncerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 22, 0, 0, TimeSpan.Zero);
    private readonly DoorDebouncer _door = new("cab-1.door");

    private (DoorState, List<GatewayEvent>) Feed(DoorState s, params (int Ms, bool Open, bool Night, bool Tech)[] steps)
    {
        var events = new List<GatewayEvent>();
        foreach (var (ms, open, night, tech) in steps)
        {
            var d = _door.Decide(s, new DoorInput(open, night, tech), T0.AddMilliseconds(ms));
            s = d.State;
            events.AddRange(d.Events);
        }

        return (s, events);
    }

    [Fact]
    public void Decide_BouncingOpenAtNightNoTechnician_OneCriticalOpened()
    {
        var (state, _) = Feed(DoorState.Initial, (0, false, true, false), (100, false, true, false));

        var (after, events) = Feed(state,
            (1000, true, true, false), (1003, false, true, false), (1006, true, true, false), (1011, false, true, false),
            (1015, true, true, false), (1040, true, true, false), (1070, true, true, false), (1200, true, true, false));

        var opened = Assert.Single(events);
        Assert.Equal("door.opened", opened.Type);
        Assert.Equal(Severity.Critical, opened.Severity);
        Assert.Equal(T0.AddMilliseconds(1070), opened.Timestamp);
        Assert.True(after.Open);
    }

    [Theory]
    [InlineData(true, true, Severity.Info)]
    [InlineData(false, false, Severity.Warning)]
    [InlineData(true, false, Severity.Critical)]
    [InlineData(false, true, Severity.Info)]
    public void Decide_OpenedInContext_SeverityFromNightAndSession(bool night, bool tech, Severity expected)
    {
        var (_, events) = Feed(DoorState.Initial, (0, false, night, tech), (60, false, night, tech), (100, true, night, tech), (200, true, night, tech));

        Assert.Equal(expected, Assert.Single(events).Severity);
    }

    [Fact]
    public void Decide_OpenThenCloseWithBounce_OneClosedWithDuration()
    {
        var (state, _) = Feed(DoorState.Initial, (0, false, false, true), (60, false, false, true), (100, true, false, true), (200, true, false, true));

        var (_, events) = Feed(state, (60_000, false, false, true), (60_004, true, false, true), (60_008, false, false, true), (60_100, false, false, true));

        var closed = Assert.Single(events);
        Assert.Equal("door.closed", closed.Type);
        Assert.Equal(60.0, closed.Data["openS"]);
    }

    [Fact]
    public void Decide_ClosedAtStartup_NoEvent()
    {
        var (state, events) = Feed(DoorState.Initial, (0, false, true, false), (500, false, true, false));

        Assert.Empty(events);
        Assert.False(state.Open);
    }
}
