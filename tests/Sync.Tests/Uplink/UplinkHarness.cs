using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Tests.Log;
using EdgeGateway.Sync.Tests.Support;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Sync.Tests.Uplink;

/// <summary>An uplink over a real LiteDB log in a temp folder, a fake transport and a signalling fake clock.</summary>
internal sealed class UplinkHarness : IAsyncDisposable
{
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan KeepAlive = TimeSpan.FromHours(1);
    public static readonly byte[] Meta = """[{"point":"cab1.lux","unit":"lx","kind":"ambient","device":"bh1750"}]"""u8.ToArray();

    private readonly TempFolder _folder = new();
    private readonly EdgeGateway.Sync.Recording.IRecorder? _recorder;
    private bool _started;

    public UplinkHarness(int maxInFlight = 4, EdgeGateway.Sync.Recording.IRecorder? recorder = null)
    {
        _recorder = recorder;
        Log = new DurableLog(new DurableLogOptions { Path = _folder.File() });
        Options = new MqttBrokerOptions
        {
            Host = "broker.test",
            ReconnectDelay = ReconnectDelay,
            MaxReconnectDelay = TimeSpan.FromSeconds(60),
            KeepAlive = KeepAlive,
            MaxInFlight = maxInFlight,
        };
        Uplink = NewUplink(Transport);
    }

    public MqttBrokerOptions Options { get; }

    public UplinkIdentity Identity { get; } = new("gw-1", "edge", "1.2.3", "boot-1");

    public SignallingTimeProvider Time { get; } = new();

    public FakeUplinkTransport Transport { get; } = new();

    public FakeCommandHandler Commands { get; } = new();

    public TestLogger<MqttUplink> Logger { get; } = TestLog.For<MqttUplink>();

    public DurableLog Log { get; }

    public MqttUplink Uplink { get; }

    /// <summary>Another uplink over the same log and clock, as after a restart of the service.</summary>
    public MqttUplink NewUplink(FakeUplinkTransport transport) =>
        new(transport, Log, Identity, Options, Time, Logger, Commands, () => Meta, _recorder);

    /// <summary>Appends alternating telemetry (odd) and event (even) records numbered from..to.</summary>
    public void Append(int from, int to) =>
        Log.Append(Enumerable.Range(from, to - from + 1).Select(i => i % 2 == 1 ? Entries.Telemetry(i) : Entries.Event(i)).ToList());

    /// <summary>Appends telemetry only: a backlog of it goes out in seq order (a backlog's events would go first).</summary>
    public void AppendTelemetry(int from, int to) =>
        Log.Append(Enumerable.Range(from, to - from + 1).Select(Entries.Telemetry).ToList());

    public Task StartAsync()
    {
        _started = true;
        return Uplink.StartAsync(CancellationToken.None);
    }

    /// <summary>Waits until the pump has nothing left to send: it then waits KeepAlive for new records.</summary>
    public Task WaitIdleAsync() => Time.NextTimerAsync(d => d == KeepAlive);

    /// <summary>Waits for a back-off (anything shorter than the keep-alive wait) and returns its length.</summary>
    public Task<TimeSpan> WaitBackoffAsync() => Time.NextTimerAsync(d => d > TimeSpan.Zero && d < KeepAlive);

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Uplink.StopAsync(CancellationToken.None).Bounded();
        }

        Uplink.Dispose();
        Log.Dispose();
        _folder.Dispose();
    }
}
