using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Drivers.Modbus.Transport;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Drivers.Tests.Modbus;

/// <summary>The master over real loopback sockets against the simulated server, in both TCP framings.</summary>
[Trait("Category", "Integration")]
public sealed class ModbusMasterTests : IAsyncLifetime
{
    // Answers that do come get a generous timeout, so a loaded CI machine never turns them into retries;
    // only the tests where the slave stays silent wait the short one.
    private static readonly ModbusMasterOptions Patient = new() { RequestTimeout = TimeSpan.FromSeconds(10), Retries = 1 };
    // 1 s, not less: with Chromium and the HIL peers on the same 2 cores a live unit once took over 200 ms to answer.
    private static readonly ModbusMasterOptions Short = new() { RequestTimeout = TimeSpan.FromSeconds(1), Retries = 1 };
    private readonly List<ModbusTcpSlaveServer> _servers = [];
    private readonly List<ModbusMaster> _masters = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _masters.ForEach(m => m.Dispose());
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(ModbusTcpSlaveMode.Mbap)]
    [InlineData(ModbusTcpSlaveMode.RtuOverTcp)]
    public async Task EveryFunction_AgainstSimulatedSlave_ReadsAndWrites(ModbusTcpSlaveMode mode)
    {
        var (server, master) = Start(mode);
        var bank = server.AddUnit(2);
        bank.SetCoils(0, [true, false, true, true, false, false, true, true, true], writable: true);
        bank.SetDiscreteInputs(10, true, true, false);
        bank.SetHolding(100, [1, 2, 3, 4], writable: true);
        bank.SetInput(30000, 0x4366, 0x0000);

        Assert.Equal(A(true, false, true, true, false, false, true, true, true), await master.ReadCoilsAsync(2, 0, 9));
        Assert.Equal(A(true, true, false), await master.ReadDiscreteInputsAsync(2, 10, 3));
        Assert.Equal(A((ushort)1, (ushort)2, (ushort)3, (ushort)4), await master.ReadHoldingRegistersAsync(2, 100, 4));
        Assert.Equal(A((ushort)0x4366, (ushort)0), await master.ReadInputRegistersAsync(2, 30000, 2));

        await master.WriteSingleCoilAsync(2, 1, true);
        await master.WriteMultipleCoilsAsync(2, 6, [false, false, false]);
        await master.WriteSingleRegisterAsync(2, 100, 0xBEEF);
        await master.WriteMultipleRegistersAsync(2, 101, [10, 20, 30]);

        Assert.Equal(A(true, true, true, true, false, false, false, false, false), await master.ReadCoilsAsync(2, 0, 9));
        Assert.Equal(A((ushort)0xBEEF, (ushort)10, (ushort)20, (ushort)30), await master.ReadHoldingRegistersAsync(2, 100, 4));
        Assert.Equal(0, master.Counters.Retries);
    }

    [Theory]
    [InlineData(ModbusTcpSlaveMode.Mbap)]
    [InlineData(ModbusTcpSlaveMode.RtuOverTcp)]
    public async Task ExceptionResponse_UndefinedAddress_SlaveExceptionNotRetried(ModbusTcpSlaveMode mode)
    {
        var (server, master) = Start(mode);
        server.AddUnit(1).SetHolding(0, [1]);

        var read = await Assert.ThrowsAsync<ModbusSlaveException>(() => master.ReadHoldingRegistersAsync(1, 5, 1));
        var write = await Assert.ThrowsAsync<ModbusSlaveException>(() => master.WriteSingleRegisterAsync(1, 0, 9));

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, read.Code);
        Assert.Equal((byte)3, read.Function);
        Assert.Equal((byte)6, write.Function);
        Assert.Equal(2, server.RequestCount(1));
        Assert.Equal(0, master.Counters.Retries);
    }

    [Theory]
    [InlineData(ModbusTcpSlaveMode.Mbap)]
    [InlineData(ModbusTcpSlaveMode.RtuOverTcp)]
    public async Task SilentUnit_TimesOutAfterRetriesPlusOneAttempts_OtherUnitStillAnswers(ModbusTcpSlaveMode mode)
    {
        var (server, master) = Start(mode, Short);
        server.AddUnit(1).SetHolding(0, [42]);
        server.AddUnit(3).SetHolding(0, [1]);
        server.SetFaults(3, new ModbusSlaveFaults { Silent = true });

        await Assert.ThrowsAsync<ModbusTimeoutException>(() => master.ReadHoldingRegistersAsync(3, 0, 1));

        Assert.Equal(2, master.Counters.Attempts);
        Assert.Equal(2, master.Counters.Timeouts);
        Assert.Equal(A((ushort)42), await master.ReadHoldingRegistersAsync(1, 0, 1));
    }

    [Fact]
    public async Task TimeoutInTheMiddleOfAnAnswer_ConnectionDropped_NextRequestOnAFreshOneReadsRight()
    {
        // A raw peer: on the first connection it sends 4 bytes of an MBAP header and stalls; on the next it answers.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var firstClosed = new TaskCompletionSource();
        var peer = Task.Run(async () =>
        {
            using (var first = await listener.AcceptTcpClientAsync())
            {
                var s1 = first.GetStream();
                var request = new byte[12];
                await s1.ReadExactlyAsync(request);
                await s1.WriteAsync(request.AsMemory(0, 4));
                int n = await s1.ReadAsync(new byte[16]); // 0 when the master hangs up
                if (n == 0)
                {
                    firstClosed.SetResult();
                }
            }

            using var second = await listener.AcceptTcpClientAsync();
            var s2 = second.GetStream();
            var req = new byte[12];
            await s2.ReadExactlyAsync(req);
            byte[] answer = [req[0], req[1], 0, 0, 0, 5, req[6], 3, 2, 0x12, 0x34];
            await s2.WriteAsync(answer);
            _ = await s2.ReadAsync(new byte[16]); // until the master hangs up
        });
        using var master = ModbusMaster.CreateTcp("127.0.0.1", port, new ModbusMasterOptions { RequestTimeout = TimeSpan.FromMilliseconds(300), Retries = 0 });

        await Assert.ThrowsAsync<ModbusTimeoutException>(() => master.ReadHoldingRegistersAsync(1, 0, 1));
        await firstClosed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(A((ushort)0x1234), await master.ReadHoldingRegistersAsync(1, 0, 1));

        master.Dispose();
        await peer.WaitAsync(TimeSpan.FromSeconds(10));
        listener.Stop();
    }

    [Fact]
    public async Task SilentUnit_RetriedOnceThenOneAttemptPerRequest_UntilItAnswersAgain()
    {
        var (server, master) = Start(ModbusTcpSlaveMode.Mbap, new ModbusMasterOptions { RequestTimeout = TimeSpan.FromMilliseconds(500), Retries = 1 });
        server.AddUnit(3).SetHolding(0, [5]);
        server.SetFaults(3, new ModbusSlaveFaults { Silent = true });

        await Assert.ThrowsAsync<ModbusTimeoutException>(() => master.ReadHoldingRegistersAsync(3, 0, 1));
        Assert.Equal(2, server.RequestCount(3));
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => master.ReadHoldingRegistersAsync(3, 0, 1));
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => master.ReadHoldingRegistersAsync(3, 0, 1));
        Assert.Equal(4, server.RequestCount(3));

        server.SetFaults(3, ModbusSlaveFaults.None);
        Assert.Equal(A((ushort)5), await master.ReadHoldingRegistersAsync(3, 0, 1));
        server.SetFaults(3, new ModbusSlaveFaults { Silent = true });
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => master.ReadHoldingRegistersAsync(3, 0, 1));
        Assert.Equal(7, server.RequestCount(3)); // answered in between: retried again
    }

    [Fact]
    public async Task SilentUnit_FakeTime_EachAttemptTimesOutWhenTimeAdvances()
    {
        var time = new FakeTimeProvider();
        await using var server = new ModbusTcpSlaveServer(ModbusTcpSlaveMode.Mbap);
        server.AddUnit(3);
        server.SetFaults(3, new ModbusSlaveFaults { Silent = true });
        var arrived = new SemaphoreSlim(0);
        server.RequestReceived += _ => arrived.Release();
        server.Start();
        using var master = ModbusMaster.CreateTcp("127.0.0.1", server.Port, new ModbusMasterOptions { RequestTimeout = TimeSpan.FromSeconds(5), Retries = 2 }, time);

        var read = master.ReadHoldingRegistersAsync(3, 0, 1);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(10)), "the request reached the slave");
            Assert.False(read.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        await Assert.ThrowsAsync<ModbusTimeoutException>(() => read);
        Assert.Equal(3, server.RequestCount(3));
    }

    [Fact]
    public async Task StaleTransactionFirst_Discarded_RightAnswerReturned()
    {
        var (server, master) = Start(ModbusTcpSlaveMode.Mbap);
        server.AddUnit(1).SetHolding(0, [7, 8]);
        server.SetFaults(1, new ModbusSlaveFaults { StaleTransactionFirst = true });

        Assert.Equal(A((ushort)7, (ushort)8), await master.ReadHoldingRegistersAsync(1, 0, 2));
        Assert.Equal(A((ushort)7, (ushort)8), await master.ReadHoldingRegistersAsync(1, 0, 2));

        Assert.Equal(2, master.Counters.StaleDiscarded);
        Assert.Equal(0, master.Counters.Retries);
    }

    [Theory]
    [InlineData(ModbusTcpSlaveMode.Mbap, ModbusFrameError.BadByteCount)]
    [InlineData(ModbusTcpSlaveMode.RtuOverTcp, ModbusFrameError.Crc)]
    public async Task CorruptAnswer_FrameExceptionAfterRetries(ModbusTcpSlaveMode mode, ModbusFrameError expected)
    {
        var (server, master) = Start(mode);
        server.AddUnit(1).SetHolding(0, [7]);
        server.SetFaults(1, new ModbusSlaveFaults { CorruptCrc = true });

        var ex = await Assert.ThrowsAsync<ModbusFrameException>(() => master.ReadHoldingRegistersAsync(1, 0, 1));

        Assert.Equal(expected, ex.Error);
        Assert.Equal(2, server.RequestCount(1));
        Assert.Equal(2, master.Counters.FrameErrors);
    }

    [Theory]
    [InlineData(ModbusTcpSlaveMode.Mbap)]
    [InlineData(ModbusTcpSlaveMode.RtuOverTcp)]
    public async Task AnswerFromAnotherUnit_WrongUnit(ModbusTcpSlaveMode mode)
    {
        var (server, master) = Start(mode);
        server.AddUnit(1).SetHolding(0, [7]);
        server.SetFaults(1, new ModbusSlaveFaults { AnswerAsUnit = 9 });

        var ex = await Assert.ThrowsAsync<ModbusFrameException>(() => master.ReadHoldingRegistersAsync(1, 0, 1));

        Assert.Equal(ModbusFrameError.WrongUnit, ex.Error);
    }

    [Theory]
    [InlineData(ModbusTcpSlaveMode.Mbap)]
    [InlineData(ModbusTcpSlaveMode.RtuOverTcp)]
    public async Task ServerStoppedAndRestarted_FailsThenReconnects(ModbusTcpSlaveMode mode)
    {
        var (server, master) = Start(mode);
        server.AddUnit(1).SetHolding(0, [5]);
        Assert.Equal(A((ushort)5), await master.ReadHoldingRegistersAsync(1, 0, 1));

        await server.StopAsync();
        await Assert.ThrowsAnyAsync<ModbusException>(() => master.ReadHoldingRegistersAsync(1, 0, 1));
        server.Start();

        Assert.Equal(A((ushort)5), await master.ReadHoldingRegistersAsync(1, 0, 1));
        Assert.Equal(2, master.Counters.Connects);
    }

    [Fact]
    public async Task CallerCancels_InFlight_OperationCanceledNotTimeout()
    {
        var (server, _) = Start(ModbusTcpSlaveMode.Mbap);
        server.AddUnit(3);
        server.SetFaults(3, new ModbusSlaveFaults { Silent = true });
        using var cts = new CancellationTokenSource();
        server.RequestReceived += _ => cts.Cancel();
        var master = Track(ModbusMaster.CreateTcp("127.0.0.1", server.Port, new ModbusMasterOptions { RequestTimeout = TimeSpan.FromMinutes(5) }));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => master.ReadHoldingRegistersAsync(3, 0, 1, cts.Token));
        Assert.Equal(0, master.Counters.Timeouts);
    }

    [Fact]
    public async Task NobodyListening_TransportException()
    {
        var (server, master) = Start(ModbusTcpSlaveMode.Mbap, Short);
        await server.StopAsync();

        await Assert.ThrowsAsync<ModbusTransportException>(() => master.ReadHoldingRegistersAsync(1, 0, 1));
    }

    private (ModbusTcpSlaveServer Server, ModbusMaster Master) Start(ModbusTcpSlaveMode mode, ModbusMasterOptions? options = null)
    {
        options ??= Patient;
        var server = new ModbusTcpSlaveServer(mode);
        _servers.Add(server);
        server.Start();
        var master = mode == ModbusTcpSlaveMode.Mbap
            ? ModbusMaster.CreateTcp("127.0.0.1", server.Port, options)
            : ModbusMaster.CreateRtuOverTcp("127.0.0.1", server.Port, options);
        return (server, Track(master));
    }

    private static T[] A<T>(params T[] values) => values;

    private ModbusMaster Track(ModbusMaster master)
    {
        _masters.Add(master);
        return master;
    }
}
