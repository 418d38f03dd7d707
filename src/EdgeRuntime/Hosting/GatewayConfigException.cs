namespace EdgeGateway.Runtime.Hosting;

/// <summary>The configuration does not bind or validate; each error names the bad key.</summary>
internal sealed class GatewayConfigException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    /// <summary>One message per bad key.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
