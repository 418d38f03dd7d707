using System.Text.Json;

namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>Reads the <c>points[]</c> and <c>writable[]</c> entries of a profile, with per-field errors.</summary>
internal static class PointParser
{
    private static readonly string[] TypeNames = ["u16", "s16", "u32", "s32", "f32", "u64", "bool"];

    public static ProfilePoint? ReadPoint(ProfileReader r, JsonElement e, string path, int maxRegisters)
    {
        if (!r.IsObject(e, path))
        {
            return null;
        }

        int before = r.ErrorCount;
        r.RejectUnknown(e, path, "name", "table", "address", "type", "wordOrder", "scale", "offset", "unit", "kind", "pollInterval");
        string name = r.RequiredString(e, path, "name");
        var table = r.Enum<ModbusTable>(e, path, "table", null, ["coil", "discrete", "holding", "input"]);
        var format = ReadFormat(r, e, path, table, maxRegisters, out int address);
        string unit = r.OptionalString(e, path, "unit") ?? "";
        string kind = r.RequiredString(e, path, "kind");
        var interval = r.Interval(e, path, "pollInterval");
        return r.ErrorCount == before ? new ProfilePoint(name, table, (ushort)address, format, unit, kind, interval) : null;
    }

    public static WritablePoint? ReadWritable(ProfileReader r, JsonElement e, string path)
    {
        if (!r.IsObject(e, path))
        {
            return null;
        }

        int before = r.ErrorCount;
        r.RejectUnknown(e, path, "name", "table", "address", "type", "wordOrder", "scale", "offset", "min", "max", "unit", "kind");
        string name = r.RequiredString(e, path, "name");
        var table = r.Enum<ModbusTable>(e, path, "table", null, ["coil", "holding"]);
        var format = ReadFormat(r, e, path, table, DeviceProfileLoader.MaxRegistersLimit, out int address);
        double? min = r.OptionalNumber(e, path, "min");
        double? max = r.OptionalNumber(e, path, "max");
        if (min is { } lo && max is { } hi && lo > hi)
        {
            r.Error(path + "min", $"min {lo} is above max {hi}");
        }

        string unit = r.OptionalString(e, path, "unit") ?? "";
        string kind = r.RequiredString(e, path, "kind");
        return r.ErrorCount == before ? new WritablePoint(name, table, (ushort)address, format, min, max, unit, kind) : null;
    }

    private static ValueFormat ReadFormat(ProfileReader r, JsonElement e, string path, ModbusTable table, int maxRegisters, out int address)
    {
        address = r.Integer(e, path, "address", null, 0, ushort.MaxValue);
        var type = r.Enum<ModbusDataType>(e, path, "type", null, TypeNames);
        var order = r.Enum<WordOrder>(e, path, "wordOrder", WordOrder.ABCD, ["ABCD", "CDAB", "BADC", "DCBA"]);
        double scale = r.OptionalNumber(e, path, "scale") ?? 1;
        double offset = r.OptionalNumber(e, path, "offset") ?? 0;
        if (scale == 0)
        {
            r.Error(path + "scale", "must not be 0");
        }

        if (!r.Failed(path, "type") && !r.Failed(path, "table"))
        {
            bool bitTable = table is ModbusTable.Coil or ModbusTable.Discrete;
            if (type == ModbusDataType.Bool && !bitTable)
            {
                r.Error(path + "type", $"a bool point must be in a coil or discrete table, not {table.ToString().ToLowerInvariant()}");
            }
            else if (type != ModbusDataType.Bool && bitTable)
            {
                r.Error(path + "type", $"a {table.ToString().ToLowerInvariant()} point must be bool, not {type.ToString().ToLowerInvariant()}");
            }

            if (!r.Failed(path, "address") && address + type.Width() - 1 > ushort.MaxValue)
            {
                r.Error(path + "address", $"{address} + {type.Width()} registers of {type.ToString().ToLowerInvariant()} overflows past 65535");
            }

            if (type.Width() > maxRegisters && type != ModbusDataType.Bool)
            {
                r.Error(path + "type", $"{type.ToString().ToLowerInvariant()} needs {type.Width()} registers, more than maxRegistersPerRequest {maxRegisters}");
            }
        }

        return new ValueFormat(type, order, scale, offset);
    }
}
