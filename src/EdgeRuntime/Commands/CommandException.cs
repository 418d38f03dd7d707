namespace EdgeGateway.Runtime.Commands;

/// <summary>A command failed with one of the contract's error codes (<c>bad_request</c>, <c>unknown_command</c>,
/// <c>forbidden</c>, <c>conflict</c>, <c>unavailable</c>, <c>internal</c>).</summary>
public sealed class CommandException(string code, string message) : Exception(message)
{
    /// <summary>The contract's error code.</summary>
    public string Code { get; } = code;
}
