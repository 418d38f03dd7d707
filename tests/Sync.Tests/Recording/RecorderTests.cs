using System.Text.Json;
using System.Threading.Channels;
using EdgeGateway.Contracts;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Sync.Tests.Support;

namespace EdgeGateway.Sync.Tests.Recording;

[Trait("Category", "Unit")]
public sealed class RecorderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SignallingTimeProvider _time = new();
    private readonly TestLogger<Recorder> _logger = TestLog.For<Recorder>();
    private readonly Channel<int> _appended = Channel.CreateUnbounded<int>();
    private DurableLog? _log;
    private int _appendCalls;

    public void Dispose()
    {
        _log?.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Record_MaxBatchReadingsReached_ClosesBatchWithoutWaitingForAge()
    {
        var recorder = Create(maxReadings: 3, maxAge: TimeSpan.FromHours(1));
        await recorder.StartAsync(CancellationToken.None);

        for (int i = 0; i < 3; i++)
        {
            recorder.Record(Reading(i));
        }

        await NextAppendAsync();
        var record = Log.ReadAfter(0, 10).Single();
        Assert.Equal(RecordKind.Telemetry, record.Kind);
        Assert.Equal(3, Readings(record).Count);
        Assert.Equal(SignallingTimeProvider.Origin.UtcDateTime, record.Ts);
        Assert.Equal("", record.Tag); // telemetry carries no tag: history.get filters on the readings
        await StopAsync(recorder);
    }

    [Fact]
    public async Task Record_PartialBatch_ClosesWhenMaxBatchAgePasses()
    {
        var age = TimeSpan.FromSeconds(5);
        var recorder = Create(maxReadings: 100, maxAge: age);
        await recorder.StartAsync(CancellationToken.None);

        recorder.Record(Reading(0));
        recorder.Record(Reading(1));

        // The recorder is now waiting on the batch's age; nothing may be written before it passes.
        var due = await _time.NextTimerAsync(d => d > TimeSpan.Zero);
        Assert.True(due <= age, $"waits {due} for a batch that closes at {age}");
        _time.Advance(due - TimeSpan.FromMilliseconds(1));
        Assert.Empty(Log.ReadAfter(0, 10));

        _time.Advance(age);
        await NextAppendAsync();

        Assert.Equal(2, Readings(Log.ReadAfter(0, 10).Single()).Count);
        await StopAsync(recorder);
    }

    [Fact]
    public async Task Record_Events_EachBecomesOwnRecord()
    {
        var recorder = Create(maxReadings: 100, maxAge: TimeSpan.FromHours(1));
        recorder.Record(GatewayEvent.Create("door.opened", "cab1", Severity.Warning, SignallingTimeProvider.Origin));
        recorder.Record(GatewayEvent.Create("door.closed", "cab1", Severity.Info, SignallingTimeProvider.Origin.AddSeconds(1)));
        await recorder.StartAsync(CancellationToken.None);

        await NextAppendAsync();

        var records = Log.ReadAfter(0, 10);
        Assert.Equal(["door.opened", "door.closed"], records.Select(r => r.Tag));
        Assert.All(records, r => Assert.Equal(RecordKind.Event, r.Kind));
        Assert.Equal([1L, 2L], records.Select(r => r.Seq));
        await StopAsync(recorder);
    }

    [Fact]
    public async Task Record_EventWithNonFiniteData_IsRecordedAndLoopKeepsRunning()
    {
        var recorder = Create(maxReadings: 1, maxAge: TimeSpan.FromHours(1));
        await recorder.StartAsync(CancellationToken.None);

        recorder.Record(new GatewayEvent("sensor.fault", "cab1.lux", Severity.Warning, SignallingTimeProvider.Origin, new Dictionary<string, object?> { ["last"] = double.NaN }));
        await NextAppendAsync();
        recorder.Record(Reading(1));

        // The first telemetry batch after start is committed as soon as it closes (not held to the cadence).
        await NextAppendAsync();

        Assert.Equal(["sensor.fault", ""], Log.ReadAfter(0, 10).Select(r => r.Tag));
        Assert.False(recorder.ExecuteTask!.IsCompleted);
        Assert.Empty(_logger.Errors);
        await StopAsync(recorder);
    }

    [Fact]
    public async Task StopAsync_OpenBatch_FlushesEveryReading()
    {
        var recorder = Create(maxReadings: 100, maxAge: TimeSpan.FromHours(1));
        await recorder.StartAsync(CancellationToken.None);
        for (int i = 0; i < 7; i++)
        {
            recorder.Record(Reading(i));
        }

        recorder.Record(GatewayEvent.Create("power.lost", "cab1", Severity.Critical, SignallingTimeProvider.Origin));

        await StopAsync(recorder);

        var records = Log.ReadAfter(0, 10);
        Assert.Equal(7, records.Where(r => r.Kind == RecordKind.Telemetry).Sum(r => Readings(r).Count));
        Assert.Single(records, r => r.Kind == RecordKind.Event);
        Assert.Equal(records.Count, recorder.Committed);
        Assert.Empty(_logger.Errors);
    }

    [Fact]
    public async Task Record_ManyReadingsAtOnce_CommitsInFewTransactions()
    {
        var recorder = Create(maxReadings: 10, maxAge: TimeSpan.FromHours(1));

        // Queued before the loop runs: they arrive "together", as after a slow commit.
        for (int i = 0; i < 1000; i++)
        {
            recorder.Record(Reading(i));
        }

        await recorder.StartAsync(CancellationToken.None);
        await NextAppendAsync();
        await StopAsync(recorder);

        var records = Log.ReadAfter(0, 1000);
        Assert.Equal(100, records.Count);
        Assert.Equal(1000, records.Sum(r => Readings(r).Count));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), records.Select(r => r.Seq));
        Assert.Equal(1, _appendCalls);
    }

    [Fact]
    public async Task Record_BudgetExhausted_AppendsLogDroppedEventAndKeepsNewest()
    {
        // Each one-reading batch counts ~270 bytes; 4000 bytes of records hold ~16 of them, 50 arrive with nothing sent.
        var recorder = Create(maxReadings: 1, maxAge: TimeSpan.FromHours(1), recordBytes: 4000);
        for (int i = 0; i < 50; i++)
        {
            recorder.Record(Reading(i));
        }

        await recorder.StartAsync(CancellationToken.None);
        await NextAppendAsync();
        await NextAppendAsync();
        await StopAsync(recorder);

        var records = Log.ReadAfter(0, 100);
        var dropped = Assert.Single(records, r => r.Tag == "log.dropped");
        Assert.Equal(RecordKind.Event, dropped.Kind);
        using var body = JsonDocument.Parse("{" + dropped.Body + "}");
        int droppedTelemetry = body.RootElement.GetProperty("data").GetProperty("telemetry").GetInt32();
        Assert.Equal("warning", body.RootElement.GetProperty("severity").GetString());
        Assert.True(droppedTelemetry > 0);
        Assert.Equal(0, body.RootElement.GetProperty("data").GetProperty("events").GetInt32());

        // Oldest-first: the surviving telemetry is the newest, contiguous up to seq 50, and nothing else vanished.
        var telemetry = records.Where(r => r.Kind == RecordKind.Telemetry).Select(r => r.Seq).ToList();
        Assert.Equal(Enumerable.Range(droppedTelemetry + 1, 50 - droppedTelemetry).Select(i => (long)i), telemetry);
        Assert.Equal(51, dropped.Seq);
        Assert.Contains(_logger.Entries, e => e.Id.Id == 201);
    }

    [Fact]
    public async Task Record_EventLargerThanTheWholeBudget_IsDroppedWithNoticeAndDoesNotBlockOthers()
    {
        // 2 MiB of event data can never fit a 1 MiB budget; the readings queued with it must still be stored.
        var recorder = Create(maxReadings: 1, maxAge: TimeSpan.FromHours(1));
        recorder.Record(Reading(1));
        recorder.Record(new GatewayEvent("sensor.fault", "huge", Severity.Warning, SignallingTimeProvider.Origin,
            new Dictionary<string, object?> { ["dump"] = new string('x', 1024 * 1024) }));
        recorder.Record(Reading(2));

        await recorder.StartAsync(CancellationToken.None);
        await NextAppendAsync();
        await StopAsync(recorder);

        var records = Log.ReadAfter(0, 100);
        Assert.Equal(2, records.Count(r => r.Kind == RecordKind.Telemetry));
        Assert.DoesNotContain(records, r => r.Tag == "sensor.fault");
        var dropped = Assert.Single(records, r => r.Tag == "log.dropped");
        using var body = JsonDocument.Parse("{" + dropped.Body + "}");
        Assert.Equal(1, body.RootElement.GetProperty("data").GetProperty("events").GetInt32());
    }

    [Fact]
    public async Task Record_ManyBatchesWithinOneInterval_AreOneGroupCommit()
    {
        var recorder = Create(maxReadings: 1, maxAge: TimeSpan.FromHours(1));
        await recorder.StartAsync(CancellationToken.None);
        recorder.Record(Reading(0));
        await NextAppendAsync();

        // Ten batches close while the next commit is not yet due: nothing is written until the interval passes.
        for (int i = 1; i <= 10; i++)
        {
            recorder.Record(Reading(i));
        }

        var due = await _time.NextTimerAsync(d => d > TimeSpan.Zero);
        Assert.True(due <= new RecorderOptions().CommitInterval, $"waits {due}");
        _time.Advance(due - TimeSpan.FromMilliseconds(1));
        Assert.Single(Log.ReadAfter(0, 100));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await NextAppendAsync();

        Assert.Equal(11, Log.ReadAfter(0, 100).Count);
        Assert.Equal(2, _appendCalls);
        await StopAsync(recorder);
    }

    [Fact]
    public async Task Record_FirstBatchAfterStart_ClosesAtHalfASecondNotBatchAge()
    {
        var recorder = Create(maxReadings: 100, maxAge: TimeSpan.FromSeconds(30));
        await recorder.StartAsync(CancellationToken.None);
        recorder.Record(Reading(0));

        var due = await _time.NextTimerAsync(d => d > TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromMilliseconds(500), due);
        _time.Advance(due);
        await NextAppendAsync();

        Assert.Single(Log.ReadAfter(0, 10));

        // The second batch waits its full age.
        recorder.Record(Reading(1));
        Assert.Equal(TimeSpan.FromSeconds(30), await _time.NextTimerAsync(d => d > TimeSpan.FromSeconds(1)));
        await StopAsync(recorder);
    }

    [Fact]
    public void TrimOldest_OverTheBound_DropsOldestTelemetryFirstAndEventsLast()
    {
        List<LogEntry> pending = [Entry(RecordKind.Event, 1), Entry(RecordKind.Telemetry, 2), Entry(RecordKind.Event, 3),
            Entry(RecordKind.Telemetry, 4), Entry(RecordKind.Telemetry, 5)];

        Assert.Equal((2, 0), Recorder.TrimOldest(pending, 3));
        Assert.Equal(["e1", "e3", "t5"], pending.Select(e => e.Tag));

        Assert.Equal((1, 1), Recorder.TrimOldest(pending, 1));
        Assert.Equal(["e3"], pending.Select(e => e.Tag));
        Assert.Equal((0, 0), Recorder.TrimOldest(pending, 1));
    }

    private static LogEntry Entry(RecordKind kind, int n) =>
        new(kind, SignallingTimeProvider.Origin.AddSeconds(n), "{}", (kind == RecordKind.Event ? "e" : "t") + n);

    private DurableLog Log => _log ?? throw new InvalidOperationException("no log");

    private static Reading Reading(int i) => new("lux", SignallingTimeProvider.Origin.AddMilliseconds(i), i, Quality.Good);

    private static List<JsonElement> Readings(LogRecord record)
    {
        using var doc = JsonDocument.Parse("{" + record.Body + "}");
        return doc.RootElement.GetProperty("readings").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private Recorder Create(int maxReadings, TimeSpan maxAge, long recordBytes = 800 * 1024)
    {
        _log = new DurableLog(new DurableLogOptions { Path = _folder.File(), MaxBytes = LogBudget.MaxBytesFor(recordBytes) });
        _log.Appended += () => _appended.Writer.TryWrite(Interlocked.Increment(ref _appendCalls));
        return new Recorder(_log, new RecorderOptions { MaxBatchReadings = maxReadings, MaxBatchAge = maxAge }, _time, _logger);
    }

    private Task<int> NextAppendAsync() => _appended.Reader.ReadAsync().Bounded();

    private static async Task StopAsync(Recorder recorder)
    {
        await recorder.StopAsync(CancellationToken.None).Bounded();
        recorder.Dispose();
    }
}
