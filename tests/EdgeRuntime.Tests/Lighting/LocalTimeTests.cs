using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Unit")]
public sealed class LocalTimeTests
{
    [Fact]
    public void ToInstant_SkippedSpringTime_MapsPastTheGap()
    {
        // 2026-03-29 03:00 EET jumps to 04:00 EEST: 03:30 does not exist; it is taken as 01:30Z (04:30 EEST).
        var instant = LocalTime.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(3, 30), LightingKit.Zone);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), instant);
        Assert.Equal(TimeSpan.FromHours(3), instant.Offset);
    }

    [Fact]
    public void ToInstant_RepeatedAutumnTime_TakesTheFirstOccurrence()
    {
        // 2026-10-25 04:00 EEST goes back to 03:00 EET: 03:30 happens at 00:30Z and again at 01:30Z.
        var instant = LocalTime.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(3, 30), LightingKit.Zone);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void FindSystemTimeZoneById_UnderInvariantGlobalization_HasBucharestRules()
    {
        // The build sets InvariantGlobalization; time zones still come from tzdata.
        Assert.Equal(TimeSpan.FromHours(2), LightingKit.Zone.GetUtcOffset(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(3), LightingKit.Zone.GetUtcOffset(new DateTime(2026, 7, 15, 12, 0, 0, DateTimeKind.Utc)));
    }
}
