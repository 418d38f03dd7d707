namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>
/// Byte and word order of a multi-register value, named after the bytes A (most significant) to D of a 32-bit value
/// as they appear on the wire. For one-register types only the byte swap matters; for 64-bit types the same rule
/// applies to four words (CDAB = least significant word first, as Carlo Gavazzi meters send int32/int64).
/// </summary>
public enum WordOrder
{
    /// <summary>Big-endian words, big-endian bytes (Modbus's own order; Eastron floats: 230.0 V = 0x4366 0x0000).</summary>
    ABCD,

    /// <summary>Words swapped (least significant word first), bytes big-endian in each word.</summary>
    CDAB,

    /// <summary>Words in order, bytes swapped inside each word.</summary>
    BADC,

    /// <summary>Both swapped: fully little-endian.</summary>
    DCBA,
}
