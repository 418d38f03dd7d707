using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Web;
using EdgeGateway.Sync.Log;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Runtime.Tests.Web;

/// <summary>What the page shows and the tools it offers, over real HTTP against the whole gateway host.</summary>
[Trait("Category", "Integration")]
public sealed class TechnicianPageFeatureTests : IAsyncLifetime
{
    private readonly TestLogCollector _log = TestLog.Current; // taken in the constructor: InitializeAsync's host logs into it
    private WebGateway _gw = null!;

    public async Task InitializeAsync() => _gw = await WebGateway.StartAsync(s =>
    {
        // An SDM120 on a virtual RS-485 bus for the register reader, and the mains read from its voltage.
        s["EdgeGateway:ModbusBuses:0:Id"] = "rs485-1";
        s["EdgeGateway:ModbusBuses:0:Kind"] = "rtu";
        s["EdgeGateway:ModbusBuses:0:Devices:0:Id"] = "meter1";
        s["EdgeGateway:ModbusBuses:0:Devices:0:Profile"] = "eastron-sdm120";
        s["EdgeGateway:ModbusBuses:0:Devices:0:UnitId"] = "1";
        s["EdgeGateway:Cabinet:MainsVoltagePoint"] = "meter1.voltage";
        s["EdgeGateway:Mqtt:Password"] = "broker-secret-991";
    }, _log);

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    [Fact]
    public async Task GetState_OutputTookTheLevel_CommandedEqualsActual()
    {
        var g = (await State()).GetProperty("lighting")[0];

        Assert.True(g.GetProperty("outputOk").GetBoolean());
        Assert.Equal(g.GetProperty("commanded").GetInt32(), g.GetProperty("actual").GetInt32());
        var output = Assert.Single(g.GetProperty("outputs").EnumerateArray());
        Assert.Equal("pwm1:0", output.GetProperty("output").GetString());
        Assert.True(output.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task GetState_PwmChipDead_OutputNotAnsweringSinceTheFirstFailure_AlarmCritical()
    {
        await _gw.LoginAsync();
        var before = (await State()).GetProperty("lighting")[0].GetProperty("actual").GetInt32();
        var chip = _gw.Services.GetRequiredService<VirtualCabinet>().Device<SimulatedI2cDevice>(1, 0x40)!;
        chip.Faulted = true;
        var failedAt = _gw.Time.GetUtcNow();
        (await _gw.PostJsonAsync("/api/light/override", new { group = "street-1", level = 20, durationMinutes = 10 })).Dispose();
        _gw.Time.Advance(TimeSpan.FromSeconds(5));
        Lighting().Step(_gw.Time.GetUtcNow());

        var s = await State();
        var g = s.GetProperty("lighting")[0];
        var output = g.GetProperty("outputs")[0];

        Assert.Equal(20, g.GetProperty("commanded").GetInt32());
        Assert.False(g.GetProperty("outputOk").GetBoolean());
        Assert.Equal(JsonValueKind.Null, g.GetProperty("actual").ValueKind);
        Assert.Equal(before, output.GetProperty("level").GetInt32()); // what it last took, not 20
        Assert.Equal(Iso(failedAt), output.GetProperty("failingSince").GetString());
        Assert.Contains("did not acknowledge", output.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var alarm = Assert.Single(s.GetProperty("alarms").EnumerateArray(), a => a.GetProperty("source").GetString() == "street-1");
        Assert.Equal("critical", alarm.GetProperty("severity").GetString());
        Assert.Contains("not answering", alarm.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetState_LightSensorDead_FailingSinceFirstFailedReadAndLastGoodReading()
    {
        var cabinet = _gw.Services.GetRequiredService<VirtualCabinet>();
        _gw.Time.Advance(TimeSpan.FromSeconds(5));
        var goodAt = _gw.Time.GetUtcNow();
        PollLux();
        var good = (await State()).GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("device").GetString() == "lux1");
        cabinet.Device<SimulatedI2cDevice>(1, 0x23)!.Faulted = true;
        _gw.Time.Advance(TimeSpan.FromSeconds(5));
        var failedAt = _gw.Time.GetUtcNow();
        PollLux();
        _gw.Time.Advance(TimeSpan.FromSeconds(5));
        PollLux();

        var s = await State();
        var lux = s.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("device").GetString() == "lux1");

        Assert.True(good.GetProperty("ok").GetBoolean());
        Assert.False(lux.GetProperty("ok").GetBoolean());
        Assert.Equal("failing", lux.GetProperty("state").GetString());

        // The gateway's own poll loop may take the first failure at the same tick (or the one before, if it ran late).
        var since = DateTimeOffset.Parse(lux.GetProperty("failingSince").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(since, goodAt, failedAt);
        Assert.Equal(JsonValueKind.String, lux.GetProperty("lastSuccess").ValueKind);
        var lastGood = Assert.Single(lux.GetProperty("lastGood").EnumerateArray());
        Assert.Equal("lux1.lux", lastGood.GetProperty("point").GetString());
        Assert.Equal(good.GetProperty("lastGood")[0].GetProperty("value").GetDouble(), lastGood.GetProperty("value").GetDouble());
        Assert.Contains(s.GetProperty("alarms").EnumerateArray(), a => a.GetProperty("source").GetString() == "lux1" && a.GetProperty("since").GetString() == Iso(since));
    }

    [Fact]
    public async Task GetState_MeterVoltageBad_MainsUnknownNotPresent()
    {
        // After the bus loop's first poll (which would overwrite it), the meter's voltage turns bad, as a meter that stops
        // answering leaves it; the loop polls again only when the test's clock moves.
        await FirstMeterReadingAsync();
        _gw.Services.GetRequiredService<Points.PointTable>().Update(new Contracts.Reading("meter1.voltage", _gw.Time.GetUtcNow(), 230, Contracts.Quality.Bad));

        var s = await State();

        Assert.Equal("unknown", s.GetProperty("cabinet").GetProperty("mains").GetString());
        Assert.Contains(s.GetProperty("alarms").EnumerateArray(), a => a.GetProperty("text").GetString()!.StartsWith("mains unknown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetState_MeterVoltageGood_MainsPresent()
    {
        await FirstMeterReadingAsync();
        _gw.Services.GetRequiredService<Points.PointTable>().Update(new Contracts.Reading("meter1.voltage", _gw.Time.GetUtcNow(), 230, Contracts.Quality.Good));

        Assert.Equal("present", (await State()).GetProperty("cabinet").GetProperty("mains").GetString());
    }

    [Fact]
    public async Task GetState_UplinkDisabled_NoDownSinceAndADrainObject()
    {
        var u = (await State()).GetProperty("uplink");

        Assert.Equal(JsonValueKind.Null, u.GetProperty("downSince").ValueKind);
        Assert.Equal(u.GetProperty("backlog").GetInt32(), u.GetProperty("drain").GetProperty("left").GetInt32());
        Assert.False(u.GetProperty("drain").GetProperty("draining").GetBoolean());
    }

    [Fact]
    public async Task GetEvents_AlarmsFirstNewestOnTop_FilterBySeverity_BadSeverity400()
    {
        _gw.Door(false);
        _gw.Door(true); // at night without a session: critical
        await _gw.EventAsync(e => e.GetProperty("type").GetString() == "door.opened");
        await _gw.LoginAsync();
        (await _gw.PostJsonAsync("/api/light/override", new { group = "street-1", level = 37, durationMinutes = 10 })).Dispose();
        await _gw.EventAsync(e => e.GetProperty("type").GetString() == "light.level" && e.GetProperty("data").GetProperty("level").GetInt32() == 37);

        var all = (await _gw.JsonAsync(await _gw.Http.GetAsync("/api/events"))).GetProperty("events").EnumerateArray().ToList();
        var critical = (await _gw.JsonAsync(await _gw.Http.GetAsync("/api/events?severity=critical"))).GetProperty("events").EnumerateArray().ToList();
        using var bad = await _gw.Http.GetAsync("/api/events?severity=loud");

        Assert.Equal("critical", all[0].GetProperty("severity").GetString());
        Assert.Equal("door.opened", all[0].GetProperty("type").GetString());
        var infos = all.Where(e => e.GetProperty("severity").GetString() == "info").Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(infos.OrderByDescending(x => x), infos);
        Assert.Contains(all, e => e.GetProperty("type").GetString() == "light.level" && e.GetProperty("source").GetString() == "street-1");
        Assert.All(all, e => Assert.True(e.TryGetProperty("ts", out _) && e.TryGetProperty("data", out _)));
        Assert.NotEmpty(critical);
        Assert.All(critical, e => Assert.Equal("critical", e.GetProperty("severity").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task GetCharts_TelemetryInTheLog_BucketedSeriesWithTheOnOffLevels()
    {
        var log = _gw.Services.GetRequiredService<DurableLog>();
        var now = _gw.Time.GetUtcNow();
        for (int i = 0; i < 12; i++)
        {
            var ts = now.AddMinutes(-60 + (i * 5));
            string body = $"\"readings\":[{{\"point\":\"lux1.lux\",\"ts\":\"{Iso(ts)}\",\"value\":{i * 10},\"quality\":\"good\"}},{{\"point\":\"lux1.lux\",\"ts\":\"{Iso(ts.AddSeconds(1))}\",\"value\":1,\"quality\":\"bad\"}}]";
            log.Append([new LogEntry(RecordKind.Telemetry, ts, body, "lux1.lux")]);
        }

        var c = await _gw.JsonAsync(await _gw.Http.GetAsync("/api/charts"));

        var lux = c.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("point").GetString() == "lux1.lux");
        var values = lux.GetProperty("points").EnumerateArray().Select(p => p[1].GetDouble()).ToList();
        Assert.Equal("illuminance", lux.GetProperty("kind").GetString());
        Assert.True(values.Count >= 12, $"{values.Count} points");
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 10.0), values.Take(12)); // bad readings are not drawn
        Assert.Contains(c.GetProperty("series").EnumerateArray(), s => s.GetProperty("point").GetString() == "street-1.level");
        var threshold = Assert.Single(c.GetProperty("thresholds").EnumerateArray());
        Assert.Equal(16, threshold.GetProperty("onLux").GetDouble());
        Assert.Equal(48, threshold.GetProperty("offLux").GetDouble());
        Assert.Equal(300, c.GetProperty("bucketS").GetInt32());
    }

    [Fact]
    public async Task GetLive_ServerSentEvents_StateAtOnceThenTheNewLevelAndItsEvent()
    {
        await _gw.LoginAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/live");
        using var response = await _gw.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var first = await NextFrameAsync(reader, "state");
        Assert.Equal("web-test", first.GetProperty("gatewayId").GetString());

        (await _gw.PostJsonAsync("/api/light/override", new { group = "street-1", level = 42, durationMinutes = 10 })).Dispose();
        JsonElement state;
        do
        {
            state = await NextFrameAsync(reader, "state");
        }
        while (state.GetProperty("lighting")[0].GetProperty("commanded").GetInt32() != 42);

        JsonElement events;
        do
        {
            events = await NextFrameAsync(reader, "events");
        }
        while (!events.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("type").GetString() == "light.level" && e.GetProperty("data").GetProperty("level").GetInt32() == 42));
    }

    [Fact]
    public async Task PostLampTest_SetsThePwmChannel_AuditEventWithBy_BackToTheProgramAfterItsTime()
    {
        await _gw.LoginAsync();
        var cabinet = _gw.Services.GetRequiredService<VirtualCabinet>();
        int program = Lighting().Groups["street-1"].Level!.Value;

        using var response = await _gw.PostJsonAsync("/api/tools/lamp-test", new { group = "street-1", level = 25, minutes = 2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(25, cabinet.LampLevel(1, 0x40, 0), 0);
        var audit = await _gw.EventAsync(e => e.GetProperty("type").GetString() == "lamp.test");
        Assert.Equal("technician page", audit.GetProperty("data").GetProperty("by").GetString());
        Assert.Equal(2, audit.GetProperty("data").GetProperty("minutes").GetInt32());
        Assert.Equal("street-1", audit.GetProperty("source").GetString());

        _gw.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Lighting().Step(_gw.Time.GetUtcNow());

        Assert.Null(Lighting().Groups["street-1"].Status(_gw.Time.GetUtcNow()).Override);
        Assert.Equal(program, Lighting().Groups["street-1"].Level);
        Assert.Equal(program, cabinet.LampLevel(1, 0x40, 0), 0);
    }

    [Theory]
    [InlineData("{\"group\":\"street-1\",\"level\":25,\"minutes\":0}", "minutes")]
    [InlineData("{\"group\":\"street-1\",\"level\":25,\"minutes\":61}", "minutes")]
    [InlineData("{\"group\":\"street-1\",\"level\":250,\"minutes\":5}", "level")]
    [InlineData("{\"group\":\"street-9\",\"level\":25,\"minutes\":5}", "group")]
    public async Task PostLampTest_BadInput_400NamingTheField(string json, string field)
    {
        await _gw.LoginAsync();

        using var response = await _gw.Http.PostAsync("/api/tools/lamp-test", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await _gw.JsonAsync(response)).GetProperty("field").GetString());
        Assert.Null(Lighting().Groups["street-1"].Status(_gw.Time.GetUtcNow()).Override);
    }

    [Fact]
    public async Task PostModbusRead_MeterVoltageRegisters_RawAndDecoded()
    {
        await _gw.LoginAsync();
        // The SDM120's voltage is input register 0x0000, a float32.
        var meter = _gw.Services.GetRequiredService<EdgeGateway.Runtime.Simulation.VirtualModbus>().Meters["meter1"];
        Assert.NotNull(meter);

        using var response = await _gw.PostJsonAsync("/api/tools/modbus-read", new { device = "meter1", table = "input", address = 0, count = 2, type = "f32" });
        var body = await _gw.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(body.GetProperty("result").GetProperty("rows").EnumerateArray());
        Assert.Equal(0, row.GetProperty("address").GetInt32());
        Assert.Matches("^0x[0-9A-F]{4} 0x[0-9A-F]{4}$", row.GetProperty("raw").GetString()!);
        Assert.InRange(row.GetProperty("value").GetDouble(), 200, 260);
    }

    [Theory]
    [InlineData("{\"device\":\"meter9\",\"table\":\"input\",\"address\":0,\"count\":2}", "device")]
    [InlineData("{\"device\":\"meter1\",\"table\":\"eeprom\",\"address\":0,\"count\":2}", "table")]
    [InlineData("{\"device\":\"meter1\",\"table\":\"input\",\"address\":70000,\"count\":2}", "address")]
    [InlineData("{\"device\":\"meter1\",\"table\":\"input\",\"address\":0,\"count\":200}", "count")]
    [InlineData("{\"device\":\"meter1\",\"table\":\"input\",\"address\":0,\"count\":2,\"type\":\"f64\"}", "type")]
    public async Task PostModbusRead_BadInput_400NamingTheField(string json, string field)
    {
        await _gw.LoginAsync();

        using var response = await _gw.Http.PostAsync("/api/tools/modbus-read", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await _gw.JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task PostI2cScan_Bus1_FindsTheLightSensorAndThePwmChip()
    {
        await _gw.LoginAsync();

        using var response = await _gw.PostJsonAsync("/api/tools/i2c-scan", new { bus = 1 });
        var result = (await _gw.JsonAsync(response)).GetProperty("result");
        using var unknown = await _gw.PostJsonAsync("/api/tools/i2c-scan", new { bus = 7 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = result.GetProperty("found").EnumerateArray().Select(f => (f.GetProperty("address").GetString(), f.GetProperty("device").GetString())).ToList();
        Assert.Contains(("0x23", "lux1"), found);
        Assert.Contains(("0x40", "pwm1"), found);
        Assert.Empty(result.GetProperty("missing").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task GetLogTail_LoggedIn_TheGatewaysLinesWithoutSecrets()
    {
        await _gw.LoginAsync();
        (await _gw.PostJsonAsync("/api/tools/lamp-test", new { group = "street-1", level = 30, minutes = 1 })).Dispose();

        using var response = await _gw.Http.GetAsync("/api/tools/log?lines=50");
        var lines = (await _gw.JsonAsync(response)).GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(lines, l => l.Contains("lamp test of street-1 at 30 %", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (info|warn|error|crit) ", l));
    }

    [Fact]
    public async Task GetBundle_LoggedIn_ZipOfConfigLogHealthStateEvents_NoSecretAnywhere()
    {
        await _gw.LoginAsync();

        using var response = await _gw.Http.GetAsync("/api/tools/bundle");
        byte[] zip = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("edge-gateway-web-test-", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(["config.json", "events.json", "health.json", "log.txt", "state.json"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        string hashPart = WebGateway.Hash.Split('$')[3];
        foreach (var entry in archive.Entries)
        {
            using var text = new StreamReader(entry.Open());
            string content = await text.ReadToEndAsync();
            Assert.DoesNotContain("broker-secret-991", content, StringComparison.Ordinal);
            Assert.DoesNotContain(hashPart, content, StringComparison.Ordinal);
            Assert.DoesNotContain(WebGateway.Password, content, StringComparison.Ordinal);
        }

        using var config = JsonDocument.Parse(archive.GetEntry("config.json")!.Open());
        Assert.Equal("***", config.RootElement.GetProperty("Mqtt").GetProperty("Password").GetString());
        Assert.Equal("***", config.RootElement.GetProperty("Web").GetProperty("PasswordHash").GetString());
        Assert.Equal("web-test", config.RootElement.GetProperty("GatewayId").GetString());
    }

    [Fact]
    public async Task GetHealthz_LoopsAndLogHealthy_200Ok()
    {
        using var response = await _gw.Http.GetAsync("/healthz");
        var body = await _gw.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Contains(body.GetProperty("loops").EnumerateArray(), l => l.GetProperty("loop").GetString() == "LightingService");
        Assert.True(body.GetProperty("log").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Healthz_ALoopEnded_503NamingIt()
    {
        var view = _gw.Services.GetRequiredService<GatewayView>();
        using var dead = new DeadLoop();
        await dead.StartAsync(CancellationToken.None);
        await Assert.ThrowsAsync<IOException>(() => dead.ExecuteTask!);

        var (healthy, body) = HealthzDocument.Build(view with { Loops = () => [dead] });

        Assert.False(healthy);
        Assert.Equal("failing", (string?)body["status"]);
        Assert.Contains("DeadLoop stopped: bus gone", body["problems"]!.AsArray().Select(p => (string?)p), StringComparer.Ordinal);
    }

    private static string Iso(DateTimeOffset t) => Sync.Json.Iso8601.Format(t);

    private static async Task<JsonElement> NextFrameAsync(StreamReader reader, string name)
    {
        using var timeout = new CancellationTokenSource(WebGateway.Wait);
        string? eventName = null;
        while (true)
        {
            string? line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the live stream ended");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == name)
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }
    }

    private async Task FirstMeterReadingAsync()
    {
        // The meter's first poll reaches the loops through its channel; a subscriber of our own sees the same samples.
        var samples = _gw.Services.GetRequiredService<Points.SampleHub>().Subscribe(["meter1"]);
        if (_gw.Services.GetRequiredService<Points.PointTable>().Get("meter1.voltage") is null)
        {
            await samples.ReadAsync().AsTask().WaitAsync(WebGateway.Wait);
        }
    }

    private void PollLux()
    {
        _gw.Services.GetRequiredService<Polling.I2cBusPollers>().Read("lux1", _gw.Time.GetUtcNow());
    }

    private LightingService Lighting() => _gw.Services.GetRequiredService<LightingService>();

    private async Task<JsonElement> State() => await _gw.JsonAsync(await _gw.Http.GetAsync("/api/state"));

    private sealed class DeadLoop : Microsoft.Extensions.Hosting.BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.FromException(new IOException("bus gone"));
    }
}
