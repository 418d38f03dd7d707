using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Polling;
using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Drivers.Modbus.Transport;
using EdgeGateway.Hil.Infrastructure;

namespace EdgeGateway.Hil.Modbus;

/// <summary>
/// The whole Modbus read path (profile → planner → master → codec → readings) and the poll scheduler's isolation of a
/// dead slave, against pymodbus over Modbus TCP and over RTU through a socat pty pair. The peer encodes the typed
/// values with its own BinaryPayloadBuilder, so the byte and word orders on the wire are not ours.
/// </summary>
[Trait("Category", "Hil")]
public sealed class PymodbusPollerTests : IAsyncLifetime
{
    private static readonly string[] Orders = ["ABCD", "CDAB", "BADC", "DCBA"];

    // Values chosen to fill every byte and to survive the trip through a double exactly.
    private static readonly (string Type, double Value)[] Values =
    [
        ("u16", 51234), ("s16", -1234), ("u32", 3_000_000_123), ("s32", -200_000_001),
        ("f32", 230.5), ("f32", -0.0078125), ("u64", 4_503_599_627_382_345),
    ];

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<IDisposable> _disposables = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("hil-pymodbus-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var d in _disposables)
        {
            d.Dispose();
        }

        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [SkippableTheory]
    [InlineData("tcp")]
    [InlineData("rtu")]
    public async Task EveryTypeAndWordOrder_InputAndHolding_DecodedToThePeersValues(string link)
    {
        var typed = Orders.SelectMany(order => Values.Select(v => new { type = v.Type, order, value = v.Value })).ToList();
        var layout = new { units = new[] { new { unit = 3, input = new { start = 0, typed }, holding = new { start = 1000, typed } } } };

        var points = new List<object>();
        var expected = new Dictionary<string, double>();
        foreach (var (table, start) in new[] { ("input", 0), ("holding", 1000) })
        {
            int address = start;
            for (int i = 0; i < typed.Count; i++)
            {
                string name = $"{table}{i}_{typed[i].type}_{typed[i].order}";
                points.Add(new { name, table, address, type = typed[i].type, wordOrder = typed[i].order, unit = "", kind = "test" });
                expected[$"dev3.{name}"] = typed[i].value;
                address += typed[i].type switch { "u16" or "s16" => 1, "u64" => 4, _ => 2 };
            }
        }

        // 40 registers per request: the 78-register tables need several merged requests, split at value boundaries.
        var profile = DeviceProfileLoader.Parse(
            JsonSerializer.Serialize(new { model = "hil-typed", manufacturer = "test", maxRegistersPerRequest = 40, points }), "hil-typed.json");
        var client = await StartAsync(link, layout, TimeSpan.FromSeconds(5));
        var readings = new List<Reading>();
        var poller = new ModbusBusPoller(client, [new ModbusDevice("dev3", profile, 3)], readings.Add, TimeProvider.System);

        int published = await poller.PollOnceAsync(DateTimeOffset.UtcNow);

        Assert.Equal(expected.Count, published);
        foreach (var reading in readings)
        {
            Assert.True(reading.Quality == Quality.Good, $"{reading.Point} is {reading.Quality}");
            Assert.Equal(expected[reading.Point], reading.Value);
        }

        Assert.Equal(expected.Keys.Order(), readings.Select(r => r.Point).Order());
        var health = poller.GetHealth()["dev3"];
        Assert.Equal(0, health.Timeouts + health.FrameErrors + health.TransportErrors);
        Assert.InRange(health.Requests, 4, 6);
    }

    [SkippableTheory]
    [InlineData("tcp")]
    [InlineData("rtu")]
    public async Task SlaveStopsAnsweringMidRun_TheOtherIsStillReadEveryCycle_TheDeadOneCostsOnlyUntilItsBreakerOpens(string link)
    {
        var layout = new
        {
            units = new[]
            {
                new { unit = 1, holding = new { start = 0, values = new[] { 2301, 15 } } },
                new { unit = 2, holding = new { start = 0, values = new[] { 2299, 17 } } },
            },
        };
        var profile = DeviceProfileLoader.Parse(JsonSerializer.Serialize(new
        {
            model = "hil-simple",
            manufacturer = "test",
            maxRegistersPerRequest = 10,
            points = new object[]
            {
                new { name = "voltage", table = "holding", address = 0, type = "u16", scale = 0.1, unit = "V", kind = "voltage" },
                new { name = "current", table = "holding", address = 1, type = "u16", scale = 0.1, unit = "A", kind = "current" },
            },
        }), "hil-simple.json");
        var client = await StartAsync(link, layout, TimeSpan.FromSeconds(1), retries: 0);
        var readings = new List<Reading>();
        var breakDuration = TimeSpan.FromSeconds(2);
        var poller = new ModbusBusPoller(
            client,
            [new ModbusDevice("live", profile, 1, TimeSpan.FromSeconds(1)), new ModbusDevice("dying", profile, 2, TimeSpan.FromSeconds(1))],
            readings.Add,
            TimeProvider.System,
            new ModbusPollerOptions { FailuresToBreak = 2, BreakDuration = breakDuration });
        var peer = (PymodbusPeer)_owned[^1];

        // Cycles are stamped one poll interval apart, so every device is due in each; they run back to back.
        var stamp = DateTimeOffset.UtcNow;
        async Task CycleAsync()
        {
            stamp += TimeSpan.FromSeconds(1);
            await poller.PollOnceAsync(stamp);
        }

        for (int i = 0; i < 3; i++)
        {
            await CycleAsync();
        }

        Assert.Equal(230.1, readings.Last(r => r.Point == "live.voltage").Value, 6);
        Assert.Equal(229.9, readings.Last(r => r.Point == "dying.voltage").Value, 6);
        long deadRequestsBefore = poller.GetHealth()["dying"].Requests;

        await peer.KillUnitAsync(2);
        var clock = Stopwatch.StartNew();
        const int cycles = 10;
        for (int i = 0; i < cycles; i++)
        {
            // The live slave is read good in every cycle, the dead one beside it notwithstanding (each reading carries
            // its answer's time, so the cycle is told by the count, not the stamp).
            int liveBefore = readings.Count(r => r.Point == "live.voltage");
            await CycleAsync();
            Assert.Equal(liveBefore + 1, readings.Count(r => r.Point == "live.voltage"));
            Assert.Equal(Quality.Good, readings.Last(r => r.Point == "live.voltage").Quality);
        }

        clock.Stop();
        var dying = poller.GetHealth()["dying"];
        long sentToDead = dying.Requests - deadRequestsBefore;

        // Two timeouts open the breaker; after that one trial per elapsed break period at most.
        long allowed = 2 + (long)Math.Ceiling(clock.Elapsed / breakDuration);
        Assert.InRange(sentToDead, 2, allowed);
        Assert.True(dying.SkippedPolls >= cycles - allowed, $"only {dying.SkippedPolls} polls skipped");
        var lastDying = readings.Last(r => r.Point == "dying.voltage");
        Assert.Equal(Quality.Bad, lastDying.Quality);
        Assert.Equal(229.9, lastDying.Value, 6);

        // Back on the line: after the break its trial request succeeds and its readings are good again.
        await peer.ReviveUnitAsync(2);
        await Peers.Until(
            async () =>
            {
                await CycleAsync();
                return readings.Last(r => r.Point == "dying.voltage").Quality == Quality.Good;
            },
            "the revived slave read good again",
            TimeSpan.FromSeconds(20));
    }

    private async Task<IModbusClient> StartAsync(string link, object layout, TimeSpan timeout, int retries = 1)
    {
        PymodbusPeer.Require();
        string layoutPath = Path.Combine(_folder, "layout.json");
        await File.WriteAllTextAsync(layoutPath, JsonSerializer.Serialize(layout));
        var options = new ModbusMasterOptions { RequestTimeout = timeout, Retries = retries };
        ModbusMaster master;
        if (link == "tcp")
        {
            int port = Peers.FreePort();
            _owned.Add(await PymodbusPeer.StartAsync($"--tcp {port.ToString(CultureInfo.InvariantCulture)}", layoutPath));
            master = ModbusMaster.CreateTcp("127.0.0.1", port, options);
        }
        else
        {
            var pair = await SocatPtyPair.StartAsync();
            _owned.Add(pair);
            _owned.Add(await PymodbusPeer.StartAsync($"--rtu {pair.SlaveEnd} --baud 19200", layoutPath));
            master = ModbusMaster.CreateRtu(new SerialLineSettings(pair.MasterEnd, 19200, SerialParity.None, 8, 1), options);
        }

        _disposables.Add(master);
        return master;
    }
}
