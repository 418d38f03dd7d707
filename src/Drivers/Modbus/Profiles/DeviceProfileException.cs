namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>One or more profile files are invalid; every error names the file and the field.</summary>
public sealed class DeviceProfileException : Exception
{
    /// <summary>Creates the exception from its errors.</summary>
    public DeviceProfileException(IReadOnlyList<string> errors)
        : base("Invalid Modbus device profile:" + Environment.NewLine + "  - " + string.Join(Environment.NewLine + "  - ", errors))
    {
        Errors = errors;
    }

    /// <summary>Each error, e.g. <c>x.json: points[2].type: unknown type 'f33'</c>.</summary>
    public IReadOnlyList<string> Errors { get; }
}
