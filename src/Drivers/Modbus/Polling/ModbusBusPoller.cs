using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Drivers.Polling;
using Polly.CircuitBreaker;

namespace EdgeGateway.Drivers.Modbus.Polling;

/// <summary>
/// One polling loop for one Modbus bus (one <see cref="IModbusClient"/>), DESIGN.md "one loop per bus". Each cycle
/// reads every due device with the fewest requests (<see cref="ModbusRequestPlanner"/>), one after the other. Each
/// slave has its own Polly circuit breaker, so a dead slave costs the others one timeout per break period at most:
/// while its breaker is open nothing is sent to it and its points are published <see cref="Quality.Bad"/> carrying
/// the last good value (NaN if none), never 0.
/// </summary>
public sealed class ModbusBusPoller
{
    private readonly IModbusClient _client;
    private readonly Action<DeviceSample> _sink;
    private readonly List<Reading> _turn = [];
    private readonly TimeProvider _time;
    private readonly ModbusPollerOptions _options;
    private readonly List<DevicePollState> _devices;
    private readonly SemaphoreSlim _bus = new(1, 1);

    /// <summary>Creates the loop for one bus.</summary>
    /// <param name="client">The bus; the poller does not own it.</param>
    /// <param name="devices">The slaves on it (ids unique).</param>
    /// <param name="sink">Receives every reading, good or bad (e.g. the point table's publish method).</param>
    /// <param name="time">Clock for scheduling, breakers and latencies.</param>
    /// <param name="options">Breaker tuning; defaults when null.</param>
    public ModbusBusPoller(IModbusClient client, IReadOnlyList<ModbusDevice> devices, Action<Reading> sink, TimeProvider time, ModbusPollerOptions? options = null)
        : this(client, devices, time, ReadingByReading(sink ?? throw new ArgumentNullException(nameof(sink))), options)
    {
    }

    /// <summary>Creates the loop for one bus, handing each device's poll to <paramref name="samples"/> as one sample.</summary>
    /// <param name="client">The bus; the poller does not own it.</param>
    /// <param name="devices">The slaves on it (ids unique).</param>
    /// <param name="time">Clock for scheduling, breakers and latencies.</param>
    /// <param name="samples">Receives, after each device's turn, the readings of that turn (good or bad) as one sample.</param>
    /// <param name="options">Breaker tuning; defaults when null.</param>
    public ModbusBusPoller(IModbusClient client, IReadOnlyList<ModbusDevice> devices, TimeProvider time, Action<DeviceSample> samples, ModbusPollerOptions? options = null)
    {
        var sink = samples;
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sink);
        var duplicate = devices.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"device id '{duplicate.Key}' is used twice on one bus", nameof(devices));
        }

        _client = client;
        _sink = sink;
        _time = time;
        _options = options ?? new ModbusPollerOptions();
        _devices = devices.Select(d => new DevicePollState(d, _options, time)).ToList();
        Points = _devices.SelectMany(d => d.PointInfos).ToList();
    }

    /// <summary>Every point this bus publishes (<c>{deviceId}.{pointName}</c>), for the meta message.</summary>
    public IReadOnlyList<PointInfo> Points { get; }

    /// <summary>The configured devices.</summary>
    public IReadOnlyList<ModbusDevice> Devices => _devices.Select(d => d.Device).ToList();

    /// <summary>Polls until cancelled; cancellation ends it silently.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await PollOnceAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                var wait = NextDue() - _time.GetUtcNow();
                wait = wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > _options.MaxIdle ? _options.MaxIdle : wait;
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads every device that has due points, once; returns how many readings were published.</summary>
    /// <param name="now">The cycle's time; schedules count from it. Readings are stamped when their request is answered.</param>
    /// <param name="cancellationToken">Stops the cycle between requests.</param>
    public async Task<int> PollOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        int published = 0;
        foreach (var device in _devices)
        {
            var due = device.TakeDue(now);
            if (due.Count == 0)
            {
                continue;
            }

            await _bus.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                published += await PollDeviceAsync(device, due, now, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The device's turn, whatever it gave, goes out as one sample (its points read together).
                if (_turn.Count > 0)
                {
                    Reading[] turn = [.. _turn];
                    _turn.Clear();
                    _sink(new DeviceSample(device.Device.Id, turn.Max(r => r.Timestamp), turn));
                }

                _bus.Release();
            }
        }

        return published;
    }

    /// <summary>
    /// Writes an engineering value to a profile's writable point (FC 6/16 for registers, FC 5/15 for coils).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown device or writable name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the point's min/max or type.</exception>
    /// <exception cref="ModbusBreakerOpenException">The slave's breaker is open: nothing was sent.</exception>
    /// <exception cref="ModbusException">The slave did not take the write.</exception>
    public async Task WriteAsync(string deviceId, string writableName, double value, CancellationToken cancellationToken = default)
    {
        var device = _devices.FirstOrDefault(d => d.Device.Id == deviceId)
            ?? throw new ArgumentException($"no Modbus device '{deviceId}' on this bus", nameof(deviceId));
        var point = device.Device.Profile.FindWritable(writableName)
            ?? throw new ArgumentException($"device '{deviceId}' ({device.Device.Profile.Model}) has no writable '{writableName}'", nameof(writableName));
        ushort[] registers = point.Table == ModbusTable.Coil ? [] : ModbusValueCodec.Encode(value, point);
        if (point.Table == ModbusTable.Coil)
        {
            ModbusValueCodec.CheckRange(value, point);
        }

        if (device.IsOpen)
        {
            throw new ModbusBreakerOpenException(deviceId, device.Device.UnitId);
        }

        await _bus.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await device.Breaker.ExecuteAsync(
                async ct => await TimedAsync(device, () => Send(device.Device.UnitId, point, value, registers, ct)).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            await ResetFailureCountAsync(device).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ModbusBreakerOpenException(deviceId, device.Device.UnitId, ex);
        }
        finally
        {
            _bus.Release();
        }
    }

    /// <summary>Reads <paramref name="count"/> raw registers (or bits, as 0/1) of a slave between polls, for a technician's
    /// register reader; serialised with the poller's own requests.</summary>
    /// <exception cref="ModbusException">The slave did not answer, or answered with an exception.</exception>
    public async Task<ushort[]> ReadRawAsync(byte unitId, ModbusTable table, ushort start, ushort count, CancellationToken cancellationToken = default)
    {
        await _bus.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return table switch
            {
                ModbusTable.Coil => [.. (await _client.ReadCoilsAsync(unitId, start, count, cancellationToken).ConfigureAwait(false)).Select(b => (ushort)(b ? 1 : 0))],
                ModbusTable.Discrete => [.. (await _client.ReadDiscreteInputsAsync(unitId, start, count, cancellationToken).ConfigureAwait(false)).Select(b => (ushort)(b ? 1 : 0))],
                ModbusTable.Holding => await _client.ReadHoldingRegistersAsync(unitId, start, count, cancellationToken).ConfigureAwait(false),
                _ => await _client.ReadInputRegistersAsync(unitId, start, count, cancellationToken).ConfigureAwait(false),
            };
        }
        finally
        {
            _bus.Release();
        }
    }

    /// <summary>Health of every slave on the bus, keyed by device id.</summary>
    public IReadOnlyDictionary<string, ModbusSlaveHealth> GetHealth() =>
        _devices.ToDictionary(d => d.Device.Id, d => d.Health.Snapshot(d.State.CircuitState));

    private async Task<int> PollDeviceAsync(DevicePollState device, List<ProfilePoint> due, DateTimeOffset now, CancellationToken ct)
    {
        var requests = ModbusRequestPlanner.Plan(due, device.Device.Profile);
        int published = 0;
        try
        {
            // One breaker execution per device poll, so the breaker counts polls, not requests.
            await device.Breaker.ExecuteAsync(
                async token =>
                {
                    ModbusException? failure = null;
                    foreach (var request in requests)
                    {
                        try
                        {
                            published += await ReadAsync(device, request, now, token).ConfigureAwait(false);
                        }
                        catch (ModbusSlaveException)
                        {
                            // The slave answered "no" to this span: its points stay bad, the others are still read,
                            // and the breaker is not involved (an exception response proves the slave is alive).
                        }
                        catch (ModbusFrameException ex)
                        {
                            failure ??= ex; // noise on the line: try the other spans, but count the poll as failed
                        }
                    }

                    if (failure is not null)
                    {
                        throw failure;
                    }
                },
                ct).ConfigureAwait(false);
            await ResetFailureCountAsync(device).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            device.Health.Skipped("circuit breaker open");
        }
        catch (ModbusException)
        {
            // Timeout or dead link: the rest of this device's spans are not tried (each would cost another timeout).
        }

        return published + PublishBad(device, due.Where(p => !device.LastGoodThisCycle(p, now)), now);
    }

    private async Task<int> ReadAsync(DevicePollState device, ModbusReadRequest request, DateTimeOffset now, CancellationToken ct)
    {
        byte unit = device.Device.UnitId;
        switch (request.Table)
        {
            case ModbusTable.Coil or ModbusTable.Discrete:
                var bits = await TimedAsync(device, () => request.Table == ModbusTable.Coil
                    ? _client.ReadCoilsAsync(unit, request.Start, request.Count, ct)
                    : _client.ReadDiscreteInputsAsync(unit, request.Start, request.Count, ct)).ConfigureAwait(false);
                var bitsAnswered = _time.GetUtcNow();
                foreach (var point in request.Points)
                {
                    PublishGood(device, point, ModbusValueCodec.Decode(bits[point.Address - request.Start]), now, bitsAnswered);
                }

                break;
            default:
                var registers = await TimedAsync(device, () => request.Table == ModbusTable.Holding
                    ? _client.ReadHoldingRegistersAsync(unit, request.Start, request.Count, ct)
                    : _client.ReadInputRegistersAsync(unit, request.Start, request.Count, ct)).ConfigureAwait(false);
                var answered = _time.GetUtcNow();
                foreach (var point in request.Points)
                {
                    var span = registers.AsSpan(point.Address - request.Start, point.Width);
                    PublishGood(device, point, ModbusValueCodec.Decode(span, point.Format), now, answered);
                }

                break;
        }

        return request.Points.Count;
    }

    // A reading carries the time its request was answered (on a bus of 100 slaves the last one answers ~15 ms after the
    // cycle began); `cycle` marks which poll cycle read it good.
    private void PublishGood(DevicePollState device, ProfilePoint point, double value, DateTimeOffset cycle, DateTimeOffset answered)
    {
        if (!double.IsFinite(value))
        {
            // A float register holding NaN or infinity is how many meters say "not available": not a value.
            PublishBad(device, [point], answered);
            return;
        }

        device.LastGood[point] = value;
        device.GoodAt[point] = cycle;
        _turn.Add(new Reading(device.PointNames[point], answered, value, Quality.Good));
    }

    // A bad reading is stamped when it is known to be bad: after its request failed, or at the end of the cycle.
    private int PublishBad(DevicePollState device, IEnumerable<ProfilePoint> points, DateTimeOffset cycle)
    {
        int count = 0;
        var at = _time.GetUtcNow();
        if (at < cycle)
        {
            at = cycle;
        }

        foreach (var point in points)
        {
            _turn.Add(new Reading(device.PointNames[point], at, device.LastGood.GetValueOrDefault(point, double.NaN), Quality.Bad));
            count++;
        }

        return count;
    }

    private static Action<DeviceSample> ReadingByReading(Action<Reading> sink) => sample =>
    {
        foreach (var r in sample.Readings)
        {
            sink(r);
        }
    };

    private async Task<T> TimedAsync<T>(DevicePollState device, Func<Task<T>> request)
    {
        long started = _time.GetTimestamp();
        try
        {
            var result = await request().ConfigureAwait(false);
            device.Health.Success(_time.GetUtcNow(), _time.GetElapsedTime(started));
            return result;
        }
        catch (ModbusException ex)
        {
            device.Health.Failure(ex, _time.GetElapsedTime(started), _time.GetUtcNow());
            throw;
        }
    }

    private Task<bool> TimedAsync(DevicePollState device, Func<Task> request) =>
        TimedAsync(device, async () =>
        {
            await request().ConfigureAwait(false);
            return true;
        });

    private Task Send(byte unit, WritablePoint point, double value, ushort[] registers, CancellationToken ct) => point.Table switch
    {
        ModbusTable.Coil => _client.WriteSingleCoilAsync(unit, point.Address, value != 0, ct),
        _ when registers.Length == 1 => _client.WriteSingleRegisterAsync(unit, point.Address, registers[0], ct),
        _ => _client.WriteMultipleRegistersAsync(unit, point.Address, registers, ct),
    };

    private static async Task ResetFailureCountAsync(DevicePollState device)
    {
        // Polly v8 has no consecutive-failure breaker: closing an already closed circuit resets its health metrics,
        // so only failures since the last success count towards FailuresToBreak.
        if (device.State.CircuitState == CircuitState.Closed)
        {
            await device.Control.CloseAsync().ConfigureAwait(false);
        }
    }

    private DateTimeOffset NextDue() =>
        _devices.SelectMany(d => d.NextDue.Values).DefaultIfEmpty(_time.GetUtcNow()).Min();
}
