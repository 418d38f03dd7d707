using System.Text;
using System.Text.Json.Nodes;
using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Sync.Json;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Runtime.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class HistoryAndResendCommandTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 16, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("history-").FullName;
    private readonly DurableLog _log;
    private readonly UplinkIdentity _identity = new("cab-01", "edge", "1", "boot");

    public HistoryAndResendCommandTests()
    {
        _log = new DurableLog(new DurableLogOptions { Path = Path.Combine(_folder, "log.db") });

        // 250 minutes: each minute one telemetry batch (lux and level) and one event.
        for (int m = 0; m < 250; m++)
        {
            var t = T0.AddMinutes(m);
            _log.Append(
            [
                new LogEntry(RecordKind.Telemetry, t, PayloadWriter.TelemetryBody([new Reading("lux1.lux", t, m, Quality.Good), new Reading("street-1.level", t.AddSeconds(30), 100, Quality.Good)]), "lux1.lux|street-1.level"),
                new LogEntry(RecordKind.Event, t, PayloadWriter.EventBody(new GatewayEvent("light.level", "street-1", Severity.Info, t, new Dictionary<string, object?> { ["level"] = m })), "light.level"),
            ]);
        }
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<List<JsonObject>> Ask(IGatewayCommand command, string json)
    {
        var router = new CommandRouter([command], TestLog.For<CommandRouter>());
        var responses = await router.HandleAsync(new InboundMessage("edge/cab-01/cmd/" + command.Name, Encoding.UTF8.GetBytes(json), "reply", [9]), CancellationToken.None);
        return [.. responses.Select(r => JsonNode.Parse(r.Payload)!.AsObject())];
    }

    [Fact]
    public async Task HistoryGet_WholeLog_PagesOf100EndingWithLastTrue()
    {
        var pages = await Ask(new HistoryGetCommand(_log, _identity), """{"from":"2026-11-26T00:00:00Z","to":"2026-11-27T00:00:00Z"}""");

        Assert.Equal(5, pages.Count);
        Assert.All(pages, p => Assert.True(p["ok"]!.GetValue<bool>()));
        Assert.Equal([false, false, false, false, true], pages.Select(p => p["last"]!.GetValue<bool>()));
        var items = pages.SelectMany(p => p["result"]!["items"]!.AsArray()).ToList();
        Assert.Equal(500, items.Count);
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), items.Select(i => i!["seq"]!.GetValue<long>()));
        Assert.All(items, i => Assert.Equal("cab-01", i!["gatewayId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task HistoryGet_PointAndWindow_OnlyThoseReadingsNoEvents()
    {
        var pages = await Ask(new HistoryGetCommand(_log, _identity), """{"from":"2026-11-26T16:10:00Z","to":"2026-11-26T16:20:00Z","points":["lux1.lux"],"types":["telemetry"]}""");

        var items = Assert.Single(pages)["result"]!["items"]!.AsArray();
        Assert.Equal(10, items.Count);
        Assert.All(items, i => Assert.Equal("lux1.lux", Assert.Single(i!["readings"]!.AsArray())!["point"]!.GetValue<string>()));
        Assert.Equal(10, items[0]!["readings"]![0]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task HistoryGet_MaxItems_TruncatedAndSaysSo()
    {
        var pages = await Ask(new HistoryGetCommand(_log, _identity), """{"from":"2026-11-26T00:00:00Z","to":"2026-11-27T00:00:00Z","types":["events"],"maxItems":30}""");

        var page = Assert.Single(pages)["result"]!;
        Assert.Equal(30, page["items"]!.AsArray().Count);
        Assert.True(page["truncated"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"to":"2026-11-27T00:00:00Z"}""", "from")]
    [InlineData("""{"from":"2026-11-27T00:00:00Z","to":"2026-11-26T00:00:00Z"}""", "to")]
    [InlineData("""{"from":"2026-11-26T00:00:00Z","to":"2026-11-27T00:00:00Z","types":["logs"]}""", "types")]
    [InlineData("""{"from":"2026-11-26T00:00:00Z","to":"2026-11-27T00:00:00Z","maxItems":0}""", "maxItems")]
    [InlineData("""{"from":"2026-11-26T00:00:00Z","to":"2026-11-27T00:00:00Z","points":"lux1.lux"}""", "points")]
    public async Task HistoryGet_BadArguments_OneBadRequestNamingTheArgument(string json, string named)
    {
        var response = Assert.Single(await Ask(new HistoryGetCommand(_log, _identity), json));

        Assert.Equal("bad_request", response["error"]!["code"]!.GetValue<string>());
        Assert.StartsWith(named, response["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private sealed class RecordingUplink : IUplink
    {
        public long? ResendFrom { get; private set; }

        public UplinkStatus Status { get; } = new(UplinkState.Online, DateTimeOffset.UnixEpoch, null, null, 0, 0, 0);

        public Task<bool> TryPublishAsync(OutboundMessage message, CancellationToken cancellationToken) => Task.FromResult(true);

        public bool RequestResend(long fromSeq)
        {
            ResendFrom = fromSeq;
            return true;
        }
    }

    [Fact]
    public async Task SyncResend_FromSeq_AsksTheUplinkAndReportsTheRange()
    {
        var uplink = new RecordingUplink();

        var response = Assert.Single(await Ask(new SyncResendCommand(() => uplink, _log), """{"fromSeq":120}"""));

        Assert.Equal(120, uplink.ResendFrom);
        Assert.Equal(500, response["result"]!["toSeq"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("""{"fromSeq":0}""", "bad_request")]
    [InlineData("""{"fromSeq":"12"}""", "bad_request")]
    [InlineData("""{"fromSeq":501}""", "bad_request")]
    public async Task SyncResend_BadSeq_BadRequest(string json, string code)
    {
        var response = Assert.Single(await Ask(new SyncResendCommand(() => new RecordingUplink(), _log), json));

        Assert.Equal(code, response["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SyncResend_NoBroker_Unavailable()
    {
        var response = Assert.Single(await Ask(new SyncResendCommand(() => new DisabledUplink(TimeProvider.System), _log), """{"fromSeq":1}"""));

        Assert.Equal("unavailable", response["error"]!["code"]!.GetValue<string>());
    }
}
