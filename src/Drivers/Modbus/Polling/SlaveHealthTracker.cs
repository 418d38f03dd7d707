using Polly.CircuitBreaker;

namespace EdgeGateway.Drivers.Modbus.Polling;

/// <summary>The mutable counters behind <see cref="ModbusSlaveHealth"/>; thread-safe (the page reads while the loop writes).</summary>
internal sealed class SlaveHealthTracker(string deviceId, byte unitId)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ModbusExceptionCode, long> _exceptions = [];
    private long _requests, _successes, _timeouts, _frameErrors, _transportErrors, _skipped;
    private DateTimeOffset? _lastSuccess;
    private DateTimeOffset? _failingSince;
    private TimeSpan? _lastLatency;
    private TimeSpan _totalLatency;
    private string? _lastError;

    public void Success(DateTimeOffset now, TimeSpan latency)
    {
        lock (_gate)
        {
            _requests++;
            _successes++;
            _lastSuccess = now;
            _lastLatency = latency;
            _totalLatency += latency;
            _failingSince = null;
            _lastError = null; // as for I2C devices: the last error is the error of the last request, if it failed
        }
    }

    /// <summary>Counts a failed request by its kind. An exception response is an answer: it has a latency.</summary>
    public void Failure(ModbusException error, TimeSpan latency, DateTimeOffset? now = null)
    {
        lock (_gate)
        {
            _requests++;
            _failingSince ??= now;
            _lastError = error.Message;
            switch (error)
            {
                case ModbusTimeoutException:
                    _timeouts++;
                    break;
                case ModbusFrameException:
                    _frameErrors++;
                    break;
                case ModbusSlaveException slave:
                    _exceptions[slave.Code] = _exceptions.GetValueOrDefault(slave.Code) + 1;
                    _lastLatency = latency;
                    break;
                default:
                    _transportErrors++;
                    break;
            }
        }
    }

    public void Skipped(string reason)
    {
        lock (_gate)
        {
            _skipped++;
            _lastError ??= reason;
        }
    }

    public ModbusSlaveHealth Snapshot(CircuitState breaker)
    {
        lock (_gate)
        {
            return new ModbusSlaveHealth(
                deviceId, unitId, _requests, _successes, _timeouts, _frameErrors, new Dictionary<ModbusExceptionCode, long>(_exceptions),
                _transportErrors, _skipped, breaker, _lastSuccess, _lastLatency,
                _successes == 0 ? null : _totalLatency / _successes, _lastError, _failingSince);
        }
    }
}
