namespace EdgeGateway.Runtime.Cli;

/// <summary>The arguments <c>run</c> and <c>check</c> share: <c>[--config PATH] [--simulate]</c>.</summary>
/// <param name="ConfigPath">The configuration file, if given.</param>
/// <param name="Simulate">Run on the virtual cabinet.</param>
/// <param name="Help">The user asked for help.</param>
internal sealed record RunArguments(string? ConfigPath, bool Simulate, bool Help)
{
    /// <summary>Parses <paramref name="args"/>; <paramref name="error"/> names the argument that is wrong.</summary>
    public static RunArguments? Parse(string[] args, out string? error)
    {
        string? config = null;
        bool simulate = false;
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" when i + 1 < args.Length:
                    config = args[++i];
                    break;
                case "--simulate":
                    simulate = true;
                    break;
                case "--help" or "-h":
                    return new RunArguments(config, simulate, Help: true);
                default:
                    error = $"unknown or incomplete argument '{args[i]}'";
                    return null;
            }
        }

        return new RunArguments(config, simulate, Help: false);
    }
}
