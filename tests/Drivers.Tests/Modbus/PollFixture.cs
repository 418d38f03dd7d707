using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Modbus.Polling;
using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Drivers.Modbus.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Drivers.Tests.Modbus;

/// <summary>A bus of simulated slaves on a fake clock, and a helper that runs one poll cycle to completion.</summary>
internal sealed class PollFixture
{
    public static readonly IReadOnlyDictionary<string, DeviceProfile> Profiles = DeviceProfileLoader.LoadFolder(DeviceProfileLoader.DefaultFolder);

    public PollFixture()
    {
        Client = new SimulatedModbusClient(Time, TimeSpan.FromSeconds(1));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public SimulatedModbusClient Client { get; }

    public List<Reading> Readings { get; } = [];

    public ModbusBusPoller CreatePoller(params ModbusDevice[] devices) =>
        new(Client, devices, Readings.Add, Time, new ModbusPollerOptions { FailuresToBreak = 3, BreakDuration = TimeSpan.FromSeconds(30) });

    /// <summary>
    /// Runs one cycle stamped now. A dead slave's simulated timeout waits on the fake clock, so the clock is
    /// advanced by the timeout until the cycle completes (library awaits use ConfigureAwait(false), so the
    /// continuation runs inside Advance; no wall-clock waiting).
    /// </summary>
    public async Task<int> CycleAsync(ModbusBusPoller poller)
    {
        Task<int> task;
        using (NoSyncContext())
        {
            task = poller.PollOnceAsync(Time.GetUtcNow());
            for (int i = 0; i < 50 && !task.IsCompleted; i++)
            {
                Time.Advance(Client.Timeout);
            }
        }

        Assert.True(task.IsCompleted, "the cycle did not finish on the fake clock");
        return await task;
    }

    /// <summary>Advances the clock with no SynchronizationContext, so continuations run inline.</summary>
    public void Advance(TimeSpan by)
    {
        using (NoSyncContext())
        {
            Time.Advance(by);
        }
    }

    /// <summary>
    /// The runtime inlines a ConfigureAwait(false) continuation on the completing thread only when that thread has
    /// no SynchronizationContext; xUnit installs one on the test thread, so the clock is stepped without it.
    /// </summary>
    public static IDisposable NoSyncContext()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        return new Restore(previous);
    }

    private sealed class Restore(SynchronizationContext? previous) : IDisposable
    {
        public void Dispose() => SynchronizationContext.SetSynchronizationContext(previous);
    }

    public Reading Last(string point) => Readings.Last(r => r.Point == point);
}
