using System.Threading.Channels;
using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class PeriodicServiceTests
{
    private sealed class Flaky(TimeProvider time) : PeriodicService(time, TimeSpan.FromSeconds(1), TestLog.For<Flaky>())
    {
        private int _count;

        public Channel<DateTimeOffset> Ticks { get; } = Channel.CreateUnbounded<DateTimeOffset>();

        public int Thrown { get; private set; }

        protected override void Tick(DateTimeOffset now)
        {
            Ticks.Writer.TryWrite(now);
            if (++_count == 2)
            {
                Thrown++;
                throw new InvalidOperationException("a bad sample");
            }
        }
    }

    [Fact]
    public async Task Tick_OneThrows_LoopGoesOnAtThePeriod()
    {
        TestLog.ExpectError(1000);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        var service = new Flaky(time);
        await service.StartAsync(CancellationToken.None);
        var seen = new List<DateTimeOffset> { await service.Ticks.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)) };

        for (int i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            seen.Add(await service.Ticks.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        }

        await service.StopAsync(CancellationToken.None);
        Assert.Equal(1, service.Thrown);
        Assert.Single(TestLog.Current.Errors, e => e.Id.Id == 1000 && e.Exception is InvalidOperationException);
        Assert.Equal([0, 1, 2, 3], seen.Select(t => (int)(t - seen[0]).TotalSeconds));
    }
}
