using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Transport;
using EdgeGateway.Hil.Infrastructure;

namespace EdgeGateway.Hil.Modbus;

/// <summary>
/// The project's Modbus master against a real third-party slave: pymodbus 3.0.0rc1 over Modbus TCP, and over RTU
/// through a socat pty pair. The layout is <c>Modbus/pymodbus-layout.json</c>.
/// </summary>
[Trait("Category", "Hil")]
public sealed class PymodbusMasterTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private ModbusMaster? _master;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _master?.Dispose();
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    [SkippableTheory]
    [InlineData("tcp")]
    [InlineData("rtu")]
    public async Task Reads_Fc1To4_KnownValues(string link)
    {
        var master = await StartAsync(link);

        Assert.Equal(new[] { true, false, true, true, false, false, true, true, true, false }, await master.ReadCoilsAsync(1, 0, 10));
        Assert.Equal(new[] { false, true, true, false, true }, await master.ReadDiscreteInputsAsync(1, 0, 5));
        Assert.Equal(new ushort[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, await master.ReadHoldingRegistersAsync(1, 0, 10));
        Assert.Equal(new ushort[] { 17254, 0, 100, 200 }, await master.ReadInputRegistersAsync(1, 0, 4));
        Assert.Equal(new ushort[] { 42, 43 }, await master.ReadHoldingRegistersAsync(2, 100, 2));
    }

    [SkippableTheory]
    [InlineData("tcp")]
    [InlineData("rtu")]
    public async Task Writes_Fc5_6_15_16_ReadBack(string link)
    {
        var master = await StartAsync(link);

        await master.WriteSingleCoilAsync(1, 1, true);
        await master.WriteMultipleCoilsAsync(1, 4, [true, true, false, false]);
        await master.WriteSingleRegisterAsync(1, 0, 0xBEEF);
        await master.WriteMultipleRegistersAsync(1, 1, [100, 200, 300]);

        Assert.Equal(new[] { true, true, true, true, true, true, false, false, true, false }, await master.ReadCoilsAsync(1, 0, 10));
        Assert.Equal(new ushort[] { 0xBEEF, 100, 200, 300, 5 }, await master.ReadHoldingRegistersAsync(1, 0, 5));
    }

    [SkippableTheory]
    [InlineData("tcp")]
    [InlineData("rtu")]
    public async Task ReadOutsideTheMap_IllegalDataAddress(string link)
    {
        var master = await StartAsync(link);

        var ex = await Assert.ThrowsAsync<ModbusSlaveException>(() => master.ReadHoldingRegistersAsync(1, 50, 2));

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.Code);
        Assert.Equal((byte)3, ex.Function);
        Assert.Equal(0, master.Counters.Retries);
    }

    [SkippableTheory]
    [InlineData("tcp")]
    [InlineData("rtu")]
    public async Task KilledUnit_TimesOut_WhileTheOtherUnitAnswers_ThenRevives(string link)
    {
        var master = await StartAsync(link, TimeSpan.FromMilliseconds(500));
        var peer = (PymodbusPeer)_owned[^1];

        await peer.KillUnitAsync(2);

        await Assert.ThrowsAsync<ModbusTimeoutException>(() => master.ReadHoldingRegistersAsync(2, 100, 1));
        Assert.Equal(new ushort[] { 1 }, await master.ReadHoldingRegistersAsync(1, 0, 1));

        await peer.ReviveUnitAsync(2);
        Assert.Equal(new ushort[] { 42 }, await master.ReadHoldingRegistersAsync(2, 100, 1));
    }

    private async Task<ModbusMaster> StartAsync(string link, TimeSpan? timeout = null)
    {
        PymodbusPeer.Require();
        var options = new ModbusMasterOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(10), Retries = 1 };
        if (link == "tcp")
        {
            int port = Peers.FreePort();
            _owned.Add(await PymodbusPeer.StartAsync($"--tcp {port}"));
            _master = ModbusMaster.CreateTcp("127.0.0.1", port, options);
        }
        else
        {
            var pair = await SocatPtyPair.StartAsync();
            _owned.Add(pair);
            _owned.Add(await PymodbusPeer.StartAsync($"--rtu {pair.SlaveEnd} --baud 19200"));
            _master = ModbusMaster.CreateRtu(new SerialLineSettings(pair.MasterEnd, 19200, SerialParity.None, 8, 1), options);
        }

        return _master;
    }
}
