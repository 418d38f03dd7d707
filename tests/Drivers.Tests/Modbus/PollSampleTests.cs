using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Modbus.Polling;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Drivers.Polling;

namespace EdgeGateway.Drivers.Tests.Modbus;

[Trait("Category", "Unit")]
public sealed class PollSampleTests
{
    [Fact]
    public async Task PollOnceAsync_TwoSlaves_OneSampleEachWithAllTheirPoints()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["eastron-sdm630"];
        var meter1 = new SimulatedEnergyMeter(profile, () => 3000);
        var meter2 = new SimulatedEnergyMeter(profile, () => 1200);
        f.Client.Add(1, meter1.Bank);
        f.Client.Add(2, meter2.Bank);
        meter1.Update(f.Time.GetUtcNow());
        meter2.Update(f.Time.GetUtcNow());
        var samples = new List<DeviceSample>();
        var poller = new ModbusBusPoller(f.Client, [new ModbusDevice("m1", profile, 1), new ModbusDevice("m2", profile, 2)], f.Time, samples.Add);

        using (PollFixture.NoSyncContext())
        {
            await poller.PollOnceAsync(f.Time.GetUtcNow());
        }

        // One sample per slave's turn, in poll order, holding every point of that turn (two requests for an SDM630).
        Assert.Equal(["m1", "m2"], samples.Select(s => s.Device));
        Assert.All(samples, s => Assert.Equal(profile.Points.Count, s.Readings.Count));
        Assert.All(samples, s => Assert.All(s.Readings, r => Assert.StartsWith(s.Device + ".", r.Point, StringComparison.Ordinal)));
        Assert.All(samples, s => Assert.Equal(s.Readings.Max(r => r.Timestamp), s.Timestamp));
        Assert.Equal(3000, samples[0].Find("m1.power")!.Value.Value, 1e-3);
        Assert.Equal(1200, samples[1].Find("m2.power")!.Value.Value, 1e-3);
    }

    [Fact]
    public async Task PollOnceAsync_DeadSlave_ItsSampleIsAllBad()
    {
        var f = new PollFixture();
        var profile = PollFixture.Profiles["eastron-sdm630"];
        var samples = new List<DeviceSample>();
        var poller = new ModbusBusPoller(f.Client, [new ModbusDevice("gone", profile, 9)], f.Time, samples.Add);

        await f.CycleAsync(poller);

        var sample = Assert.Single(samples);
        Assert.Equal(profile.Points.Count, sample.Readings.Count);
        Assert.All(sample.Readings, r => Assert.Equal(Quality.Bad, r.Quality));
    }
}
