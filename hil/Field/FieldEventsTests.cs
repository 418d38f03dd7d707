using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Runtime.Simulation;

namespace EdgeGateway.Hil.Field;

/// <summary>The whole gateway on the virtual street: parking and door events reach a real Mosquitto.</summary>
[Trait("Category", "Hil")]
public sealed class FieldEventsTests : IAsyncLifetime
{
    private static readonly string[] Bays = ["bay-01", "bay-02"];
    private readonly string _folder = Directory.CreateTempSubdirectory("hil-field-").FullName;
    private MosquittoBroker _broker = null!;
    private CentralSubscriber _central = null!;

    public async Task InitializeAsync()
    {
        _broker = new MosquittoBroker();
        await _broker.StartAsync();
        _central = new CentralSubscriber(_broker.Port);
        await _central.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        if (_central is not null)
        {
            await _central.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [SkippableFact]
    public async Task Run_VirtualStreetAt60x_ParkingAndDoorEventsArriveOverMqtt()
    {
        var (seed, start) = PickScenario();
        var settings = GatewayUnderTest.WithField(
            GatewayUnderTest.Settings("hil-field-1", _broker.Port, Path.Combine(_folder, "log.db"), timeScale: 60), seed, start);
        await using var gateway = await GatewayUnderTest.StartAsync(settings);

        // 25 virtual minutes at 60x: bounded well under a minute of wall time.
        var timeout = TimeSpan.FromSeconds(40);
        try
        {
            await Peers.Until(() => Events().Any(p => p.Contains("\"parking.occupied\"", StringComparison.Ordinal)), "a parking.occupied event at the broker", timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; seed {seed} start {start:O} now {gateway.Time.GetUtcNow():O}; events: {string.Join(" | ", Events())}; topics: {string.Join(",", _central.Messages.Select(m => m.Topic).Distinct())}");
        }
        await Peers.Until(() => Events().Any(p => p.Contains("\"door.opened\"", StringComparison.Ordinal)), "a door.opened event at the broker", timeout);

        Assert.Contains(Events(), p => p.Contains("\"source\":\"bay-0", StringComparison.Ordinal));
        Assert.Contains(_central.Messages, m => m.Topic == "edge/hil-field-1/meta" && m.Payload.Contains("mag1.x", StringComparison.Ordinal));
    }

    private IEnumerable<string> Events() => _central.Messages.Where(m => m.Topic == "edge/hil-field-1/events").Select(m => m.Payload);

    // The world is deterministic in (seed, start): pick a day with a technician visit, start 3 minutes before
    // the door opens, and keep the seed only if a car also arrives in a bay within 20 minutes.
    private static (int Seed, DateTimeOffset Start) PickScenario()
    {
        var day = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        for (int seed = 1; seed < 500; seed++)
        {
            var world = new FieldWorld(seed, day, Bays, ["bin-01"]);
            var open = Enumerable.Range(8 * 60, 8 * 60).Select(m => day.AddMinutes(m)).FirstOrDefault(world.DoorOpen);
            if (open == default)
            {
                continue;
            }

            var start = open.AddMinutes(-3);
            var street = new FieldWorld(seed, start, Bays, ["bin-01"]);
            bool vacantAtStart = Bays.All(b => !street.IsOccupied(b, start));
            bool arrival = Enumerable.Range(2, 18).Any(m => Bays.Any(b => street.IsOccupied(b, start.AddMinutes(m))));
            if (vacantAtStart && arrival)
            {
                return (seed, start);
            }
        }

        throw new InvalidOperationException("No scenario with a visit and an arrival in 500 seeds");
    }
}
