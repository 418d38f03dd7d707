// Transactions per second of the Modbus master (not a test: numbers to report, never asserted).
// FC 3, 10 registers, one request at a time, against the in-process simulated slave (Modbus TCP and RTU-over-TCP)
// and, when /usr/bin/python3 has pymodbus, against hil/pymodbus_server.py over Modbus TCP.
// dotnet run -c Release --project bench/Modbus.Bench [-- --seconds 3]
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Drivers.Modbus.Transport;

double seconds = args.Length == 2 && args[0] == "--seconds" ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
var duration = TimeSpan.FromSeconds(seconds);

foreach (var mode in new[] { ModbusTcpSlaveMode.Mbap, ModbusTcpSlaveMode.RtuOverTcp })
{
    await using var server = new ModbusTcpSlaveServer(mode);
    server.AddUnit(1).SetHolding(0, [.. Enumerable.Range(0, 10).Select(i => (ushort)i)]);
    server.Start();
    using var master = mode == ModbusTcpSlaveMode.Mbap
        ? ModbusMaster.CreateTcp("127.0.0.1", server.Port)
        : ModbusMaster.CreateRtuOverTcp("127.0.0.1", server.Port);
    await Run($"in-process simulated slave, {mode}", master, duration);
}

await PymodbusAsync(duration);
await PollCycleAsync();

// One poll cycle of 10 SDM630 meters on one Modbus TCP bus (request timeout 1 s, 1 retry), 3 of them silent: the first
// cycles pay the dead slaves' timeouts until each breaker opens (2 failed polls); after that a cycle costs what the
// 7 live ones cost. The all-alive cycle is the reference.
static async Task PollCycleAsync()
{
    var profiles = EdgeGateway.Drivers.Modbus.Profiles.DeviceProfileLoader.LoadFolder(EdgeGateway.Drivers.Modbus.Profiles.DeviceProfileLoader.DefaultFolder);
    var profile = profiles["eastron-sdm630"];
    await using var server = new ModbusTcpSlaveServer(ModbusTcpSlaveMode.Mbap);
    var devices = new List<EdgeGateway.Drivers.Modbus.Polling.ModbusDevice>();
    for (byte unit = 1; unit <= 10; unit++)
    {
        var meter = new SimulatedEnergyMeter(profile, () => 1200, unit);
        meter.Update(DateTimeOffset.UtcNow);
        server.AddUnit(unit, meter.Bank);
        devices.Add(new(FormattableString.Invariant($"meter{unit}"), profile, unit));
    }

    server.Start();
    using var master = ModbusMaster.CreateTcp("127.0.0.1", server.Port, new ModbusMasterOptions { RequestTimeout = TimeSpan.FromSeconds(1), Retries = 1 });
    int readings = 0;
    var poller = new EdgeGateway.Drivers.Modbus.Polling.ModbusBusPoller(
        master, devices, _ => readings++, TimeProvider.System,
        new EdgeGateway.Drivers.Modbus.Polling.ModbusPollerOptions { FailuresToBreak = 2, BreakDuration = TimeSpan.FromSeconds(30) });
    var stamp = DateTimeOffset.UtcNow;
    async Task<(double Ms, int Readings)> Cycle()
    {
        stamp += TimeSpan.FromMinutes(1); // every point due
        readings = 0;
        long start = Stopwatch.GetTimestamp();
        await poller.PollOnceAsync(stamp);
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, readings);
    }

    for (int i = 0; i < 20; i++)
    {
        await Cycle(); // warm-up
    }

    long live0 = poller.GetHealth()["meter1"].Requests;
    var alive = new List<double>();
    for (int i = 0; i < 50; i++)
    {
        alive.Add((await Cycle()).Ms);
    }

    long perMeter = (poller.GetHealth()["meter1"].Requests - live0) / 50;
    long dead0 = poller.GetHealth()["meter3"].Requests;

    foreach (byte dead in new byte[] { 3, 6, 9 })
    {
        server.SetFaults(dead, new ModbusSlaveFaults { Silent = true });
    }

    var first = await Cycle();
    var second = await Cycle();
    var open = new List<double>();
    for (int i = 0; i < 50; i++)
    {
        open.Add((await Cycle()).Ms);
    }

    alive.Sort();
    open.Sort();
    long sentToDead = poller.GetHealth()["meter3"].Requests - dead0;
    Console.WriteLine($"poll cycle, 10 SDM630 ({poller.Points.Count} points, {perMeter} requests per meter), all alive: median {alive[25]:N2} ms");
    Console.WriteLine($"poll cycle, 3 of 10 silent (timeout 1 s, 1 retry): 1st {first.Ms:N0} ms, 2nd {second.Ms:N0} ms, then (breakers open) median {open[25]:N2} ms");
    Console.WriteLine($"  requests sent to one dead meter over those 52 cycles: {sentToDead}");
}

static async Task Run(string what, ModbusMaster master, TimeSpan duration)
{
    // Warm up: JIT, connect, first allocations.
    for (int i = 0; i < 200; i++)
    {
        await master.ReadHoldingRegistersAsync(1, 0, 10);
    }

    var latencies = new List<double>(100_000);
    var total = Stopwatch.StartNew();
    while (total.Elapsed < duration)
    {
        long start = Stopwatch.GetTimestamp();
        await master.ReadHoldingRegistersAsync(1, 0, 10);
        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }

    total.Stop();
    latencies.Sort();
    Console.WriteLine(
        $"{what,-48} {latencies.Count,8:N0} reads in {total.Elapsed.TotalMilliseconds,6:N0} ms = {latencies.Count / total.Elapsed.TotalSeconds,8:N0} tx/s"
        + $"  p50 {latencies[latencies.Count / 2],6:N0} µs  p99 {latencies[(int)(latencies.Count * 0.99)],6:N0} µs"
        + $"  (retries {master.Counters.Retries}, timeouts {master.Counters.Timeouts})");
}

static async Task PymodbusAsync(TimeSpan duration)
{
    string? script = Find("hil/pymodbus_server.py");
    string? layout = Find("hil/Modbus/pymodbus-layout.json");
    if (!File.Exists("/usr/bin/python3") || script is null || layout is null)
    {
        Console.WriteLine("pymodbus: skipped (no /usr/bin/python3 or hil/pymodbus_server.py not found)");
        return;
    }

    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    int port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (string a in new[] { script, "--tcp", port.ToString(System.Globalization.CultureInfo.InvariantCulture), layout })
    {
        info.ArgumentList.Add(a);
    }

    using var process = Process.Start(info)!;
    try
    {
        var ready = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(30))) != ready || await ready != "ready")
        {
            Console.WriteLine($"pymodbus: skipped (server did not start: {await process.StandardError.ReadToEndAsync()})");
            return;
        }

        using var master = ModbusMaster.CreateTcp("127.0.0.1", port);
        await Run("pymodbus 3.0.0rc1 TCP server (/usr/bin/python3)", master, duration);
    }
    finally
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}

static string? Find(string relative)
{
    foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
    }

    return null;
}
