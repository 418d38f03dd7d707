namespace EdgeGateway.Drivers.Modbus;

/// <summary>Base of every Modbus failure: a request that did not get a good answer.</summary>
public abstract class ModbusException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ModbusException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
