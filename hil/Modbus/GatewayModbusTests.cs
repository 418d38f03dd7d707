using System.Globalization;
using System.Text.Json;
using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Hil.Infrastructure;

namespace EdgeGateway.Hil.Modbus;

/// <summary>
/// The whole gateway with its RS-485 side on real peers: an SDM120 register map served by pymodbus over Modbus TCP,
/// read by the gateway's master and poller, recorded, and delivered through a real Mosquitto to a central subscriber;
/// the meter then stops answering and the centre sees its points go bad (with the last value, never 0) and its health
/// say so, while the rest of the cabinet carries on.
/// </summary>
[Trait("Category", "Hil")]
public sealed class GatewayModbusTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hil-gw-modbus-").FullName;
    private readonly List<IAsyncDisposable> _owned = [];
    private CentralSubscriber _central = null!;
    private int _brokerPort;

    public async Task InitializeAsync()
    {
        var broker = new MosquittoBroker();
        _owned.Add(broker);
        await broker.StartAsync();
        _brokerPort = broker.Port;
        _central = new CentralSubscriber(broker.Port);
        _owned.Add(_central);
        await _central.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [SkippableFact]
    public async Task MeterOnPymodbus_ReachesTheCentre_ThenGoesSilent_BadWithTheLastValueAndHealthSaysSo()
    {
        PymodbusPeer.Require();

        // The SDM120's input registers as the meter would hold them, encoded by pymodbus: f32 ABCD at the profile's
        // addresses, zeros between them.
        var profile = DeviceProfileLoader.LoadFolder(DeviceProfileLoader.DefaultFolder)["eastron-sdm120"];
        var values = new Dictionary<string, double> { ["voltage"] = 230.5, ["current"] = 1.75, ["power"] = 380.0, ["frequency"] = 50.0 };
        int end = profile.Points.Max(p => p.End);
        var typed = new List<object>();
        for (int address = 0; address < end; address += 2)
        {
            var point = profile.Points.FirstOrDefault(p => p.Address == address);
            Assert.True(point is null || point.Format is { Type: ModbusDataType.F32, WordOrder: WordOrder.ABCD }, $"{point?.Name} is not f32 ABCD");
            typed.Add(new { type = "f32", order = "ABCD", value = point is not null ? values.GetValueOrDefault(point.Name) : 0.0 });
        }

        string layout = Path.Combine(_folder, "sdm120.json");
        await File.WriteAllTextAsync(layout, JsonSerializer.Serialize(new { units = new[] { new { unit = 1, input = new { start = 0, typed } } } }));
        int modbusPort = Peers.FreePort();
        var peer = await PymodbusPeer.StartAsync($"--tcp {modbusPort.ToString(CultureInfo.InvariantCulture)}", layout);
        _owned.Add(peer);

        var settings = GatewayUnderTest.Settings("hil-modbus-1", _brokerPort, Path.Combine(_folder, "log.db"), timeScale: 1);
        settings["EdgeGateway:HealthInterval"] = "00:00:01";
        settings["EdgeGateway:Simulation:VirtualModbus"] = "false";
        settings["EdgeGateway:ModbusBuses:0:Id"] = "meters";
        settings["EdgeGateway:ModbusBuses:0:Kind"] = "tcp";
        settings["EdgeGateway:ModbusBuses:0:Host"] = "127.0.0.1";
        settings["EdgeGateway:ModbusBuses:0:Port"] = modbusPort.ToString(CultureInfo.InvariantCulture);
        settings["EdgeGateway:ModbusBuses:0:RequestTimeout"] = "00:00:01";
        settings["EdgeGateway:ModbusBuses:0:Devices:0:Id"] = "meter1";
        settings["EdgeGateway:ModbusBuses:0:Devices:0:Profile"] = "eastron-sdm120";
        settings["EdgeGateway:ModbusBuses:0:Devices:0:UnitId"] = "1";
        settings["EdgeGateway:ModbusBuses:0:Devices:0:PollInterval"] = "00:00:00.500";
        settings["EdgeGateway:Cabinet:MainsVoltagePoint"] = "meter1.voltage";
        await using var gateway = await GatewayUnderTest.StartAsync(settings);

        var wait = TimeSpan.FromSeconds(30);
        await Peers.Until(() => Readings("meter1.voltage").Any(r => r.Quality == "good" && r.Value == 230.5), "meter1.voltage 230.5 good at the centre", wait);
        Assert.Contains(Readings("meter1.power"), r => r.Quality == "good" && r.Value == 380.0);
        Assert.Contains(Readings("meter1.current"), r => r.Quality == "good" && r.Value == 1.75);
        Assert.Contains(_central.Messages, m => m.Topic == "edge/hil-modbus-1/meta" && m.Payload.Contains("meter1.energyImport", StringComparison.Ordinal));

        await peer.KillUnitAsync(1);
        await Peers.Until(() => Readings("meter1.voltage").Any(r => r.Quality == "bad"), "meter1.voltage bad at the centre", wait);
        Assert.All(Readings("meter1.voltage").SkipWhile(r => r.Quality != "good").Where(r => r.Quality == "bad"), r => Assert.Equal(230.5, r.Value));
        await Peers.Until(() => LastHealth()?.GetProperty("devices").GetProperty("meter1").GetProperty("timeouts").GetInt64() >= 1, "health counting meter1's timeouts", wait);
        var meter = LastHealth()!.Value.GetProperty("devices").GetProperty("meter1");
        Assert.False(meter.GetProperty("ok").GetBoolean());
        Assert.Equal("meters", meter.GetProperty("bus").GetString());

        // A meter that stopped answering says nothing about the mains: no power.lost from a stale voltage.
        Assert.DoesNotContain(_central.Messages, m => m.Topic.EndsWith("/events", StringComparison.Ordinal) && m.Payload.Contains("\"power.lost\"", StringComparison.Ordinal));

        // The rest of the cabinet carries on: the light sensor is still read good.
        int before = Readings("lux1.lux").Count(r => r.Quality == "good");
        await Peers.Until(() => Readings("lux1.lux").Count(r => r.Quality == "good") > before + 2, "lux1 still read while the meter is dead", wait);
    }

    private List<(string Quality, double? Value)> Readings(string point) =>
        [.. _central.Messages.Where(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal))
            .SelectMany(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("readings").EnumerateArray().ToList())
            .Where(r => r.GetProperty("point").GetString() == point)
            .Select(r => (r.GetProperty("quality").GetString()!, r.GetProperty("value").ValueKind == JsonValueKind.Number ? r.GetProperty("value").GetDouble() : (double?)null))];

    private JsonElement? LastHealth() =>
        _central.Messages.LastOrDefault(m => m.Topic.EndsWith("/health", StringComparison.Ordinal)) is { Topic: not null } h
            ? JsonDocument.Parse(h.Payload).RootElement.Clone()
            : null;
}
