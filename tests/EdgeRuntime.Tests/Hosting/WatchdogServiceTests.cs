using System.Net.Sockets;
using System.Text;
using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Hosting;

/// <summary>A real datagram socket standing in for systemd's notify socket.</summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public NotifySocket()
    {
        Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("notify-").FullName, "notify");
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
    }

    public string Path { get; }

    /// <summary>Every datagram received so far (non-blocking).</summary>
    public List<string> Drain()
    {
        var messages = new List<string>();
        var buffer = new byte[4096];
        while (_socket.Available > 0)
        {
            int n = _socket.Receive(buffer);
            messages.Add(Encoding.UTF8.GetString(buffer, 0, n));
        }

        return messages;
    }

    public void Dispose()
    {
        _socket.Dispose();
        Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }
}

[Trait("Category", "Integration")]
public sealed class WatchdogServiceTests : IDisposable
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);
    private readonly NotifySocket _systemd = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero));

    public void Dispose() => _systemd.Dispose();

    /// <summary>A control loop whose tick can be made to hang, as a stuck bus read or a deadlock would.</summary>
    private sealed class Hangable(TimeProvider time) : PeriodicService(time, TimeSpan.FromSeconds(1), TestLog.For<Hangable>())
    {
        private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool Hang;

        protected override Task TickAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            Hang ? _never.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    private sealed class Steady(TimeProvider time) : PeriodicService(time, TimeSpan.FromSeconds(1), TestLog.For<Steady>());

    [Fact]
    public async Task Check_OneLoopHangs_PingsStopAndStatusNamesIt()
    {
        using var notify = new ServiceNotify(_systemd.Path);
        var lighting = new Hangable(_time);
        var parking = new Steady(_time);
        await lighting.StartAsync(CancellationToken.None);
        await parking.StartAsync(CancellationToken.None);
        IReadOnlyList<WatchedLoop> loops =
        [
            new("lighting", () => lighting.TicksDone, WatchdogService.MaxSilenceFor(lighting.TickPeriod)),
            new("parking", () => parking.TicksDone, WatchdogService.MaxSilenceFor(parking.TickPeriod)),
        ];
        var watchdog = new WatchdogService(() => loops, notify, _time, Watchdog, TestLog.For<WatchdogService>());

        // Healthy: a ping every half watchdog period for two minutes.
        for (int i = 0; i < 8; i++)
        {
            await AdvanceAsync(Watchdog / 2, lighting, parking);
            Assert.Empty(watchdog.Check(loops));
        }

        Assert.Equal(8, watchdog.Pings);
        var healthy = _systemd.Drain();
        Assert.Equal(8, healthy.Count(m => m == "WATCHDOG=1"));
        Assert.Contains("STATUS=running: 2 loops making progress", healthy);

        // The lighting loop hangs in a tick: once its bound (a minute) has passed, no more pings.
        lighting.Hang = true;
        await AdvanceAsync(Watchdog / 2, lighting, parking);
        var stalled = new List<string>();
        for (int i = 0; i < 8; i++)
        {
            await AdvanceAsync(Watchdog / 2, lighting, parking);
            stalled = [.. watchdog.Check(loops)];
        }

        Assert.Single(stalled);
        Assert.StartsWith("lighting silent", stalled[0], StringComparison.Ordinal);
        var after = _systemd.Drain();
        Assert.InRange(after.Count(m => m == "WATCHDOG=1"), 1, 4);
        Assert.Equal("STATUS=", after[^1][..7]);
        Assert.Contains("stalled: lighting silent", after[^1], StringComparison.Ordinal);
        long pings = watchdog.Pings;
        await AdvanceAsync(Watchdog, lighting, parking);
        watchdog.Check(loops);
        Assert.Equal(pings, watchdog.Pings);
        Assert.DoesNotContain("WATCHDOG=1", _systemd.Drain());

        await parking.StopAsync(CancellationToken.None);
        await lighting.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Check_NoWatchdogConfigured_SendsStatusButNoPings()
    {
        using var notify = new ServiceNotify(_systemd.Path);
        long counter = 0;
        IReadOnlyList<WatchedLoop> loops = [new("uplink", () => ++counter, TimeSpan.FromMinutes(1))];
        var watchdog = new WatchdogService(() => loops, notify, _time, watchdog: null, TestLog.For<WatchdogService>());

        watchdog.Check(loops);

        Assert.Equal(["STATUS=running: 1 loops making progress"], _systemd.Drain());
        Assert.Equal(0, watchdog.Pings);
    }

    [Fact]
    public void Send_NoNotifySocket_IsANoOp()
    {
        using var notify = new ServiceNotify(null);

        Assert.False(notify.Enabled);
        Assert.False(notify.Send("WATCHDOG=1"));
    }

    // Advances the fake clock one period (a second) at a time and waits, bounded, until every loop that is not hung has
    // run the tick that fell due, so no tick is coalesced away however loaded the machine is.
    private async Task AdvanceAsync(TimeSpan by, params PeriodicService[] loops)
    {
        for (var step = TimeSpan.Zero; step < by; step += TimeSpan.FromSeconds(1))
        {
            var before = loops.Select(l => l.TicksDone).ToArray();
            _time.Advance(TimeSpan.FromSeconds(1));
            for (int i = 0; i < loops.Length; i++)
            {
                if (loops[i] is Hangable { Hang: true })
                {
                    continue;
                }

                // The loop's tick runs on the thread pool once the fake clock moved; wait for its counter, bounded.
                int loop = i;
                Assert.True(await Task.Run(() => SpinWait.SpinUntil(() => loops[loop].TicksDone > before[loop], TimeSpan.FromSeconds(30))), $"loop {i} did not tick");
            }
        }
    }
}
