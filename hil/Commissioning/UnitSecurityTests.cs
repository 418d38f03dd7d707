using System.Globalization;
using System.Text.RegularExpressions;
using EdgeGateway.Hil.Infrastructure;

namespace EdgeGateway.Hil.Commissioning;

/// <summary>The unit in the repository, as systemd itself judges it (no systemd needs to run).</summary>
[Trait("Category", "Hil")]
public sealed partial class UnitSecurityTests
{
    /// <summary>The unit file, found from the test's folder upwards.</summary>
    public static string UnitPath => Path.Combine(Repo.Root, "systemd", "edge-gateway.service");

    [SkippableFact]
    public async Task SecurityOffline_RepositoryUnit_ExposureAtMost2Point5()
    {
        string analyze = Peers.Require("systemd-analyze");

        var (exit, output) = await Repo.RunAsync(analyze, ["security", "--offline=yes", "--no-pager", UnitPath]);

        var match = Overall().Match(output);
        Assert.True(match.Success, $"exit {exit}: {output}");
        double score = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(score <= 2.5, $"exposure {score} > 2.5:\n{output}");
    }

    [Fact]
    public void Unit_Watchdog_DevicesAndStatus_AreDeclared()
    {
        string unit = File.ReadAllText(UnitPath);

        Assert.Matches(@"(?m)^Type=notify$", unit);
        Assert.Matches(@"(?m)^WatchdogSec=\d+", unit);
        Assert.Matches(@"(?m)^DevicePolicy=closed$", unit);
        Assert.Matches(@"(?m)^DeviceAllow=char-i2c rw$", unit);
        Assert.Matches(@"(?m)^DeviceAllow=char-gpiochip rw$", unit);
    }

    [GeneratedRegex(@"Overall exposure level for edge-gateway\.service: (\d+\.\d)")]
    private static partial Regex Overall();
}

/// <summary>The repository the tests run from, and a way to run a peer program and read all it prints.</summary>
public static class Repo
{
    /// <summary>The folder holding edge-gateway.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Runs <paramref name="program"/> (bounded: 5 minutes) and returns its exit code and stdout+stderr.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using var process = System.Diagnostics.Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "edge-gateway.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("edge-gateway.slnx not found above " + AppContext.BaseDirectory);
    }
}
