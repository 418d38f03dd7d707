namespace EdgeGateway.Runtime.Commands;

/// <summary>A command failed with one of the contract's error codes (<c>bad_request</c>, <c>unknown_command</c>,
/// <c>forbidden</c>, <c>conflict</c>, <c>unavailable</c>, <c>expired</c>, <c>internal</c>).</summary>
internal sealed class CommandException(string code, string message, string? field = null) : Exception(message)
{
    /// <summary>The contract's error code.</summary>
    public string Code { get; } = code;

    /// <summary>The request field at fault, when one is (the response's <c>error.field</c>); when null, a message
    /// of the form <c>field: …</c> names it.</summary>
    public string? Field { get; } = field ?? FieldOf(message);

    /// <summary>A <c>bad_request</c> naming <paramref name="field"/>; the message reads <c>field: problem</c>.</summary>
    public static CommandException BadRequest(string field, string problem) => new("bad_request", $"{field}: {problem}", field);

    private static string? FieldOf(string message)
    {
        int colon = message.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || colon > 100)
        {
            return null;
        }

        string head = message[..colon];
        return head.All(c => char.IsLetterOrDigit(c) || c is '.' or ':' or '_' or '[' or ']' or '-') ? head : null;
    }
}
