// Benchmarks of the durable log and the recorder (not tests: numbers to report, never asserted).
// dotnet run -c Release --project bench/Sync.Bench [-- --mqtt-port N]   (with --mqtt-port: end-to-end to a broker)
using System.Diagnostics;
using EdgeGateway.Contracts;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.Logging.Abstractions;

// Under /var/tmp, not /tmp: a tmpfs /tmp would write nothing to a disk and hide the flash cost.
string folder = Path.Combine("/var/tmp", "sync-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
try
{
    AppendBench(folder, batches: 2_000, readingsPerBatch: 100);
    await RecorderBench(folder, readings: 200_000);
    ReadBench(folder);
    int steadySeconds = args.Contains("--quick") ? 10 : args.Contains("--long") ? 120 : 30;
    await SteadyBench(folder, steadySeconds, readingsPerTick: 200, TimeSpan.FromSeconds(1));
    await SteadyBench(folder, steadySeconds, readingsPerTick: 200, TimeSpan.FromSeconds(2));
    await SteadyBench(folder, steadySeconds, readingsPerTick: 20, TimeSpan.FromSeconds(1));
    int port = args.Length == 2 && args[0] == "--mqtt-port" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
    if (port > 0)
    {
        await UplinkBench(folder, port, records: 5_000);
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static List<Reading> Readings(int n, int offset) =>
    [.. Enumerable.Range(offset, n).Select(i => new Reading($"meter{i % 10}.power", DateTimeOffset.UnixEpoch.AddSeconds(i), i * 0.5, Quality.Good))];

static void AppendBench(string folder, int batches, int readingsPerBatch)
{
    using var log = new DurableLog(new DurableLogOptions { Path = Path.Combine(folder, "append.db"), MaxBytes = 1L << 30 });
    var entries = Enumerable.Range(0, batches)
        .Select(b => new LogEntry(RecordKind.Telemetry, DateTimeOffset.UnixEpoch, EdgeGateway.Sync.Json.PayloadWriter.TelemetryBody(Readings(readingsPerBatch, b * readingsPerBatch)), "meter"))
        .ToList();
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < entries.Count; i += 10)
    {
        log.Append(entries.GetRange(i, 10)); // group commits of 10 records
    }

    sw.Stop();
    Report("log append (10 records/commit)", batches, sw, "records");
    Console.WriteLine($"  = {batches * readingsPerBatch / sw.Elapsed.TotalSeconds:N0} readings/s, file {new FileInfo(Path.Combine(folder, "append.db")).Length / 1024.0 / 1024:N1} MiB");
    sw.Restart();
    for (int i = 0; i < 200; i++)
    {
        log.Append([entries[i]]); // one record per commit, the worst case
    }

    Report("log append (1 record/commit)", 200, sw, "records");
}

static async Task RecorderBench(string folder, int readings)
{
    using var log = new DurableLog(new DurableLogOptions { Path = Path.Combine(folder, "recorder.db"), MaxBytes = 1L << 30 });
    var recorder = new Recorder(log, new RecorderOptions { MaxBatchReadings = 200, MaxBatchAge = TimeSpan.FromSeconds(5) }, TimeProvider.System, NullLogger<Recorder>.Instance);
    long before = GC.GetTotalAllocatedBytes(precise: true);
    await recorder.StartAsync(CancellationToken.None);
    var sw = Stopwatch.StartNew();
    foreach (var r in Readings(readings, 0))
    {
        recorder.Record(r);
    }

    while (log.NextSeq - 1 < readings / 200)
    {
        await Task.Yield();
    }

    sw.Stop();
    await recorder.StopAsync(CancellationToken.None);
    Report("recorder: readings into committed batches", readings, sw, "readings");
    Console.WriteLine($"  working set {Environment.WorkingSet / 1024.0 / 1024:N0} MiB, allocated {(GC.GetTotalAllocatedBytes(precise: true) - before) / (double)readings:N0} B/reading (recording, batching, JSON, LiteDB)");
}

// The flash cost of the durable recorder at a cabinet's steady rate: 10 meters x 20 registers every 100 ms (2,000
// readings/s), default recorder settings (200-reading batches, commits once a second, each fsync'ed), real time.
// Bytes written are the kernel's write_bytes for this process (what reached the block device), CPU is user+sys.
static async Task SteadyBench(string folder, int seconds, int readingsPerTick, TimeSpan commitInterval)
{
    string path = Path.Combine(folder, $"steady-{readingsPerTick}-{commitInterval.TotalSeconds}.db");
    using var log = new DurableLog(new DurableLogOptions { Path = path });
    var recorder = new Recorder(log, new RecorderOptions { CommitInterval = commitInterval }, TimeProvider.System, NullLogger<Recorder>.Instance);
    await recorder.StartAsync(CancellationToken.None);
    using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
    var process = Process.GetCurrentProcess();
    long written = 0, readings = 0, flushes = 0;
    TimeSpan cpu = TimeSpan.Zero;
    var sw = new Stopwatch();
    for (int t = 0; t < (seconds + 5) * 10 && await tick.WaitForNextTickAsync(); t++)
    {
        if (t == 50)
        {
            // After a 5 s warm-up (the log's first pages, JIT).
            process.Refresh();
            (written, cpu, flushes, readings) = (WriteBytes(), process.TotalProcessorTime, log.Flushes, recorder.Readings);
            sw.Start();
        }

        var now = DateTimeOffset.UtcNow;
        for (int i = 0; i < readingsPerTick; i++)
        {
            recorder.Record(new Reading($"meter{i / 20}.r{i % 20}", now, Math.Round(200 + (Random.Shared.NextDouble() * 50), 2), Quality.Good));
        }
    }

    sw.Stop();
    process.Refresh();
    long n = recorder.Readings - readings;
    double bytes = WriteBytes() - written;
    await recorder.StopAsync(CancellationToken.None);
    Console.WriteLine($"steady recorder, {readingsPerTick * 10:N0} readings/s, commits every {commitInterval.TotalSeconds:N0} s, for {sw.Elapsed.TotalSeconds:N0} s: {bytes / n:N1} B written per reading ({bytes / sw.Elapsed.TotalSeconds / 1024:N0} KiB/s), "
        + $"{(log.Flushes - flushes) / sw.Elapsed.TotalSeconds:N2} fsyncs/s, CPU {(process.TotalProcessorTime - cpu).TotalSeconds / sw.Elapsed.TotalSeconds * 100:N1} % of a core, "
        + $"log file {log.BytesOnDisk / 1024.0 / 1024:N1} MiB");
}

static long WriteBytes() => EdgeGateway.Sync.Durability.ProcessIo.WriteBytes() ?? 0;

static void ReadBench(string folder)
{
    using var log = new DurableLog(new DurableLogOptions { Path = Path.Combine(folder, "append.db"), MaxBytes = 1L << 30 });
    var sw = Stopwatch.StartNew();
    long cursor = 0;
    int n = 0;
    while (log.ReadAfter(cursor, 32) is { Count: > 0 } batch)
    {
        cursor = batch[^1].Seq;
        n += batch.Count;
        log.Commit(cursor);
    }

    Report("log read + checkpoint (batches of 32)", n, sw, "records");
}

static async Task UplinkBench(string folder, int port, int records)
{
    using var log = new DurableLog(new DurableLogOptions { Path = Path.Combine(folder, "uplink.db"), MaxBytes = 1L << 30 });
    for (int i = 0; i < records; i += 100)
    {
        log.Append([.. Enumerable.Range(0, 100).Select(b => new LogEntry(RecordKind.Telemetry, DateTimeOffset.UnixEpoch, EdgeGateway.Sync.Json.PayloadWriter.TelemetryBody(Readings(20, (i + b) * 20)), "meter"))]);
    }

    var options = new MqttBrokerOptions { Host = "127.0.0.1", Port = port };
    await using var transport = new MqttNetTransport(options, "bench-gw");
    var uplink = new MqttUplink(transport, log, new UplinkIdentity("bench-gw", "edge", "bench", "1"), options, TimeProvider.System, NullLogger<MqttUplink>.Instance, new NoCommands(), () => "[]"u8.ToArray());
    var sw = Stopwatch.StartNew();
    await uplink.StartAsync(CancellationToken.None);
    while (log.Checkpoint < records)
    {
        await Task.Delay(10);
    }

    sw.Stop();
    await uplink.StopAsync(CancellationToken.None);
    Report("uplink: log to broker, QoS 1, checkpoint on PUBACK", records, sw, "records");
}

static void Report(string what, int n, Stopwatch sw, string unit) =>
    Console.WriteLine($"{what,-52} {n,8:N0} {unit} in {sw.Elapsed.TotalMilliseconds,8:N0} ms = {n / sw.Elapsed.TotalSeconds,10:N0} {unit}/s");
