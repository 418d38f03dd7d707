using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Sync.Tests.Uplink;

[Trait("Category", "Unit")]
public sealed class UplinkDownSinceTests
{
    [Fact]
    public async Task Status_ConnectFailsThreeTimes_DownSinceStaysAtTheFirstFailureThenClearsOnline()
    {
        await using var h = new UplinkHarness();
        h.Transport.FailConnects = 3;
        await h.StartAsync();

        Assert.Equal(1, await h.Transport.NextConnectAsync());
        var delay = await h.WaitBackoffAsync();
        var firstFailure = h.Uplink.Status.DownSince;
        Assert.NotNull(firstFailure);
        Assert.Equal(h.Uplink.Status.Since, firstFailure);
        for (int attempt = 2; attempt <= 3; attempt++)
        {
            h.Time.Advance(delay);
            Assert.Equal(attempt, await h.Transport.NextConnectAsync());
            delay = await h.WaitBackoffAsync();

            // Each retry moves "since" (the state's start), never "down since".
            Assert.True(h.Uplink.Status.Since > firstFailure, $"attempt {attempt}: since {h.Uplink.Status.Since} not after the first failure {firstFailure}");
            Assert.Equal(firstFailure, h.Uplink.Status.DownSince);
        }

        h.Time.Advance(delay);
        Assert.Equal(4, await h.Transport.NextConnectAsync());
        await h.Transport.NextPublishAsync();
        await h.WaitIdleAsync();

        Assert.Equal(UplinkState.Online, h.Uplink.Status.State);
        Assert.Null(h.Uplink.Status.DownSince);
    }
}
