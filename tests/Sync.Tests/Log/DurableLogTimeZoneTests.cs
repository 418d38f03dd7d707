using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Tests.Support;

namespace EdgeGateway.Sync.Tests.Log;

/// <summary>The cabinet's clock may be set to local time (Europe/Bucharest); the log must still be UTC.</summary>
[Trait("Category", "Unit")]
[Collection(LocalTimeZoneCollection.Name)]
public sealed class DurableLogTimeZoneTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Unsent_LocalZoneNotUtc_ReturnsOldestTimeInUtc()
    {
        using var zone = new LocalTimeZone("Europe/Bucharest");
        Assert.NotEqual(TimeSpan.Zero, TimeZoneInfo.Local.GetUtcOffset(SignallingTimeProvider.Origin));
        using var log = new DurableLog(new DurableLogOptions { Path = _folder.File() });
        log.Append([Entries.Telemetry(0)]);

        var (_, oldest) = log.Unsent();
        var record = log.ReadAfter(0, 1).Single();

        Assert.Equal(SignallingTimeProvider.Origin, oldest);
        Assert.Equal(SignallingTimeProvider.Origin.UtcDateTime, record.Ts);
    }

    [Fact]
    public void ReadRange_LocalZoneNotUtc_SelectsByUtcTime()
    {
        using var zone = new LocalTimeZone("Europe/Bucharest");
        using var log = new DurableLog(new DurableLogOptions { Path = _folder.File() });
        log.Append(Enumerable.Range(1, 4).Select(Entries.Telemetry).ToList());

        var inside = log.ReadRange(SignallingTimeProvider.Origin.AddSeconds(2), SignallingTimeProvider.Origin.AddSeconds(4)).ToList();

        Assert.Equal([2L, 3L], inside.Select(r => r.Seq));
    }
}
