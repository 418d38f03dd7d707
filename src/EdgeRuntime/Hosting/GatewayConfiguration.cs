using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Options;
using Microsoft.Extensions.Configuration;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>Reads, binds and validates the gateway's configuration: <c>appsettings.json</c> beside the
/// binary (logging), <c>virtual-cabinet.json</c> under <c>--simulate</c> without <c>--config</c>, then <c>--config PATH</c>, then <c>EdgeGateway__…</c> environment variables.</summary>
internal static class GatewayConfiguration
{
    /// <summary>Adds the configuration sources for <paramref name="launch"/>.</summary>
    public static void AddSources(IConfigurationBuilder builder, GatewayLaunch launch)
    {
        if (launch.UseDefaultSources)
        {
            builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        }

        if (launch.ConfigPath is null && launch.Simulate && launch.UseDefaultSources)
        {
            // --simulate alone runs the virtual cabinet described beside the binary.
            builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "virtual-cabinet.json"), optional: false, reloadOnChange: false);
        }

        if (launch.ConfigPath is not null)
        {
            string full = Path.GetFullPath(launch.ConfigPath);
            if (!File.Exists(full))
            {
                throw new GatewayConfigException([$"--config: file '{full}' does not exist"]);
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }

        if (launch.UseDefaultSources)
        {
            builder.AddEnvironmentVariables();
        }

        builder.AddInMemoryCollection(launch.Overrides);
    }

    /// <summary>Binds and validates a configuration file's JSON exactly as the service would read it.</summary>
    /// <exception cref="GatewayConfigException">A key does not bind or a value does not validate.</exception>
    public static GatewayOptions Load(System.Text.Json.Nodes.JsonObject root, GatewayLaunch launch)
    {
        var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()));
        return Load(new ConfigurationBuilder().AddJsonStream(stream).Build(), launch);
    }

    /// <summary>Binds the <c>EdgeGateway</c> section, applies the launch mode and validates.</summary>
    /// <exception cref="GatewayConfigException">A key does not bind or a value does not validate.</exception>
    public static GatewayOptions Load(IConfiguration configuration, GatewayLaunch launch)
    {
        var options = new GatewayOptions();
        // Unknown keys are errors, named by their path: a misspelt "OnLuxx" must not silently fall back to a default.
        var unknown = ConfigurationKeys.Unknown(configuration.GetSection(GatewayOptions.Section), typeof(GatewayOptions)).ToList();
        if (unknown.Count > 0)
        {
            throw new GatewayConfigException(unknown);
        }

        try
        {
            // The binder's own check stays as a backstop for anything the walk above does not see.
            configuration.GetSection(GatewayOptions.Section).Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new GatewayConfigException([ex.InnerException is null ? ex.Message : $"{ex.Message} ({ex.InnerException.Message})"]);
        }

        if (launch.Simulate)
        {
            options.Simulation.Enabled = true;
            if (!options.Mqtt.Configured)
            {
                options.Mqtt.Host = "127.0.0.1";
                options.Simulation.EmbeddedBroker = true;
            }

            // The virtual cabinet is a developer's toy: its page stays on this machine unless configured otherwise.
            if (options.Web.Urls == WebOptions.DefaultUrls)
            {
                options.Web.Urls = WebOptions.SimulateUrls;
            }
        }

        if (string.IsNullOrWhiteSpace(options.Storage.Path))
        {
            options.Storage.Path = options.Simulation.Enabled
                ? Path.Combine(Path.GetTempPath(), "edge-gateway-sim", options.GatewayId, "log.db")
                : "/var/lib/edge-gateway/log.db";
        }

        var errors = GatewayOptionsValidator.Errors(options).ToList();
        if (errors.Count > 0)
        {
            throw new GatewayConfigException(errors);
        }

        // Device profiles are files: a device naming a profile that does not exist, or one that cannot do what the
        // configuration asks of it, is a configuration error too (run, check, provision and config.set alike).
        ModbusProfiles.Load(options);
        return options;
    }
}
