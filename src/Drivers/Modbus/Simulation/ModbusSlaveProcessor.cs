using System.Buffers.Binary;
using EdgeGateway.Drivers.Modbus.Protocol;

namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// What a slave does with one request PDU: the response PDU, or an exception PDU (function | 0x80, code) as in
/// MODBUS Application Protocol v1.1b3 §6-7: IllegalFunction for a function it does not know, IllegalDataValue for a
/// quantity outside the spec's limits or a byte count that disagrees, IllegalDataAddress from the register bank.
/// </summary>
internal static class ModbusSlaveProcessor
{
    /// <summary>Answers <paramref name="request"/> from <paramref name="bank"/>.</summary>
    public static byte[] Process(byte unitId, ReadOnlySpan<byte> request, ModbusRegisterBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        if (request.Length == 0)
        {
            return Exception(0, ModbusExceptionCode.IllegalFunction);
        }

        byte function = request[0];
        if (function is not (>= 1 and <= 6) and not 15 and not 16)
        {
            return Exception(function, ModbusExceptionCode.IllegalFunction);
        }

        if (request.Length < 5)
        {
            return Exception(function, ModbusExceptionCode.IllegalDataValue);
        }

        ushort start = BinaryPrimitives.ReadUInt16BigEndian(request[1..]);
        ushort quantity = BinaryPrimitives.ReadUInt16BigEndian(request[3..]);
        try
        {
            return function switch
            {
                1 or 2 => ReadBits(function, unitId, start, quantity, request.Length, bank),
                3 or 4 => ReadRegisters(function, unitId, start, quantity, request.Length, bank),
                5 => WriteCoil(unitId, start, quantity, request, bank),
                6 => WriteRegister(unitId, start, quantity, request, bank),
                15 => WriteCoils(unitId, start, quantity, request, bank),
                _ => WriteRegisters(unitId, start, quantity, request, bank),
            };
        }
        catch (ModbusSlaveException ex)
        {
            return Exception(function, ex.Code);
        }
    }

    /// <summary>An exception response PDU.</summary>
    public static byte[] Exception(byte function, ModbusExceptionCode code) => [(byte)(function | 0x80), (byte)code];

    private static byte[] ReadBits(byte function, byte unitId, ushort start, ushort quantity, int length, ModbusRegisterBank bank)
    {
        CheckQuantity(function, unitId, start, quantity, ModbusPdu.MaxReadBits, length == 5);
        bool[] bits = function == 1 ? bank.ReadCoils(unitId, start, quantity) : bank.ReadDiscreteInputs(unitId, start, quantity);
        byte[] pdu = new byte[2 + ((quantity + 7) / 8)];
        pdu[0] = function;
        pdu[1] = (byte)(pdu.Length - 2);
        for (int i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                pdu[2 + (i / 8)] |= (byte)(1 << (i % 8));
            }
        }

        return pdu;
    }

    private static byte[] ReadRegisters(byte function, byte unitId, ushort start, ushort quantity, int length, ModbusRegisterBank bank)
    {
        CheckQuantity(function, unitId, start, quantity, ModbusPdu.MaxReadRegisters, length == 5);
        ushort[] registers = function == 3 ? bank.ReadHolding(unitId, start, quantity) : bank.ReadInput(unitId, start, quantity);
        byte[] pdu = new byte[2 + (2 * quantity)];
        pdu[0] = function;
        pdu[1] = (byte)(2 * quantity);
        for (int i = 0; i < registers.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(2 + (2 * i)), registers[i]);
        }

        return pdu;
    }

    private static byte[] WriteCoil(byte unitId, ushort address, ushort value, ReadOnlySpan<byte> request, ModbusRegisterBank bank)
    {
        // §6.5: only 0xFF00 (ON) and 0x0000 (OFF) are values.
        if (request.Length != 5 || value is not (0xFF00 or 0x0000))
        {
            throw new ModbusSlaveException(unitId, 5, ModbusExceptionCode.IllegalDataValue);
        }

        bank.WriteCoils(unitId, 5, address, [value == 0xFF00]);
        return request[..5].ToArray();
    }

    private static byte[] WriteRegister(byte unitId, ushort address, ushort value, ReadOnlySpan<byte> request, ModbusRegisterBank bank)
    {
        if (request.Length != 5)
        {
            throw new ModbusSlaveException(unitId, 6, ModbusExceptionCode.IllegalDataValue);
        }

        bank.WriteHolding(unitId, 6, address, [value]);
        return request[..5].ToArray();
    }

    private static byte[] WriteCoils(byte unitId, ushort start, ushort quantity, ReadOnlySpan<byte> request, ModbusRegisterBank bank)
    {
        int byteCount = (quantity + 7) / 8;
        CheckQuantity(15, unitId, start, quantity, ModbusPdu.MaxWriteBits, request.Length >= 6 && request[5] == byteCount && request.Length == 6 + byteCount);
        bank.WriteCoils(unitId, 15, start, ModbusPdu.DecodeBits(request[6..], quantity));
        return request[..5].ToArray();
    }

    private static byte[] WriteRegisters(byte unitId, ushort start, ushort quantity, ReadOnlySpan<byte> request, ModbusRegisterBank bank)
    {
        int byteCount = 2 * quantity;
        CheckQuantity(16, unitId, start, quantity, ModbusPdu.MaxWriteRegisters, request.Length >= 6 && request[5] == byteCount && request.Length == 6 + byteCount);
        bank.WriteHolding(unitId, 16, start, ModbusPdu.DecodeRegisters(request.Slice(6, byteCount)));
        return request[..5].ToArray();
    }

    private static void CheckQuantity(byte function, byte unitId, ushort start, ushort quantity, int max, bool lengthOk)
    {
        if (!lengthOk || quantity < 1 || quantity > max)
        {
            throw new ModbusSlaveException(unitId, function, ModbusExceptionCode.IllegalDataValue);
        }

        if (start + quantity > 0x10000)
        {
            throw new ModbusSlaveException(unitId, function, ModbusExceptionCode.IllegalDataAddress);
        }
    }
}
