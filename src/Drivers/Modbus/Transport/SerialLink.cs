using System.IO.Ports;

namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>An RS-485 serial port through System.IO.Ports.</summary>
internal sealed class SerialLink(SerialLineSettings settings) : ModbusLink
{
    private SerialPort? _port;

    public SerialLineSettings Settings { get; } = settings;

    public override bool IsOpen => _port is { IsOpen: true };

    public override ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        if (_port is { IsOpen: true })
        {
            return ValueTask.FromResult(_port.BaseStream);
        }

        Close();
        var port = new SerialPort(
            Settings.PortName,
            Settings.BaudRate,
            Settings.Parity switch { SerialParity.Even => Parity.Even, SerialParity.Odd => Parity.Odd, _ => Parity.None },
            Settings.DataBits,
            Settings.StopBits == 2 ? StopBits.Two : StopBits.One);
        try
        {
            port.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new ModbusTransportException($"cannot open {Settings.PortName}: {ex.Message}", ex);
        }

        _port = port;
        return ValueTask.FromResult(port.BaseStream);
    }

    public override void DiscardInput()
    {
        if (_port is { IsOpen: true })
        {
            _port.DiscardInBuffer();
        }
    }

    public override void Close()
    {
        _port?.Dispose();
        _port = null;
    }
}
