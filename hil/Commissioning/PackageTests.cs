using System.Globalization;
using EdgeGateway.Hil.Infrastructure;
using Xunit.Abstractions;

namespace EdgeGateway.Hil.Commissioning;

/// <summary>
/// The .deb packages <c>dotnet cake --target=Package</c> built (.ci/run builds them and names their folder in
/// <c>EDGE_PACKAGE_DIR</c>): lintian, their contents, a real <c>dpkg -i</c> / <c>-r</c> / <c>-P</c> of the amd64
/// package on this machine (no systemd runs here: the maintainer scripts' effects are checked on the file system),
/// and the arm64 build run under qemu-aarch64-static. The install test needs root and a machine without the
/// package: it runs only where <c>EDGE_PACKAGE_DIR</c> is set (CI), never by surprise on a developer's machine.
/// </summary>
[Trait("Category", "Hil")]
public sealed class PackageTests(ITestOutputHelper output)
{
    private static string? PackageDir => Environment.GetEnvironmentVariable("EDGE_PACKAGE_DIR");

    private static string Deb(string arch)
    {
        string? dir = PackageDir;
        string message = "EDGE_PACKAGE_DIR names no folder with the .deb packages (dotnet cake --target=Package --artifacts=DIR)";
        if (dir is null || !Directory.Exists(dir))
        {
            if (Peers.Required)
            {
                throw new InvalidOperationException($"EDGE_REQUIRE_PEERS=1 but {message}");
            }

            Skip.If(true, message);
        }

        return Directory.GetFiles(dir!, $"edge-gateway_*_{arch}.deb").Single();
    }

    [SkippableTheory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task Lintian_Package_NoErrors(string arch)
    {
        string deb = Deb(arch);
        string lintian = Peers.Require("lintian");

        var (exit, text) = await Repo.RunAsync(lintian, ["--fail-on", "error", "--allow-root", deb]);

        output.WriteLine(text);
        Assert.True(exit == 0, text);
        Assert.DoesNotMatch(@"(?m)^E: ", text);
    }

    [SkippableTheory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task Contents_Package_SelfContainedWithoutDebugOrSampleFilesUnder40MB(string arch)
    {
        string deb = Deb(arch);
        string dpkgDeb = Peers.Require("dpkg-deb");

        var (_, listing) = await Repo.RunAsync(dpkgDeb, ["--contents", deb]);
        var (_, control) = await Repo.RunAsync(dpkgDeb, ["--field", deb]);
        var (_, conffiles) = await Repo.RunAsync(dpkgDeb, ["--ctrl-tarfile", deb]);

        long size = new FileInfo(deb).Length;
        output.WriteLine($"{Path.GetFileName(deb)}: {size} bytes ({size / 1048576.0:0.0} MiB)");
        Assert.True(size < 40L * 1024 * 1024, $"{deb} is {size} bytes");
        Assert.Contains("./usr/lib/edge-gateway/edge-gateway\n", listing, StringComparison.Ordinal);
        Assert.Contains("./usr/lib/edge-gateway/libcoreclr.so", listing, StringComparison.Ordinal);
        Assert.Contains("./usr/lib/systemd/system/edge-gateway.service", listing, StringComparison.Ordinal);
        Assert.Contains("./etc/edge-gateway/config.json", listing, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\.(pdb|dbg)\b|/[^/\s]+\.xml\b|virtual-cabinet\.json|createdump", listing);
        Assert.DoesNotContain("aspnetcore-runtime", control, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet-runtime", control, StringComparison.Ordinal);
        Assert.Contains($"Architecture: {arch}", control, StringComparison.Ordinal);
        Assert.Contains("conffiles", conffiles, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Arm64_UnderQemu_VersionAstroAndCheckSimulate()
    {
        string deb = Deb("arm64");
        string qemu = Peers.Require("qemu-aarch64-static");
        Skip.IfNot(Directory.Exists("/usr/aarch64-linux-gnu/lib") || Peers.Required, "libc6-arm64-cross is not installed");
        string root = Directory.CreateTempSubdirectory("hil-arm64-").FullName;
        try
        {
            var (x, xText) = await Repo.RunAsync(Peers.Require("dpkg-deb"), ["-x", deb, root]);
            Assert.True(x == 0, xText);
            string binary = Path.Combine(root, "usr/lib/edge-gateway/edge-gateway");
            var env = new Dictionary<string, string> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu", ["DOTNET_TieredPGO"] = "0" };

            var (vExit, version) = await Repo.RunAsync(qemu, [binary, "--version"], env);
            Assert.True(vExit == 0, version);
            Assert.Matches(@"^edge-gateway \d+\.\d+\.\d+", version);

            var (aExit, astro) = await Repo.RunAsync(qemu, [binary, "astro", "--lat", "45.75", "--lon", "21.22", "--tz", "Europe/Bucharest", "--date", "2026-12-01"], env);
            Assert.True(aExit == 0, astro);
            Assert.Contains("\"sunrise\":\"2026-12-01T07:", astro, StringComparison.Ordinal);

            var (cExit, check) = await Repo.RunAsync(qemu, [binary, "check", "--simulate", "--config", Path.Combine(AppContext.BaseDirectory, "virtual-cabinet.json")], env);
            output.WriteLine(check);
            Assert.True(cExit == 0, check);
            Assert.Matches(@"OK   meter1 +meter1\.\w+=", check);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [SkippableFact]
    public async Task DpkgInstallRemovePurge_Amd64_ScriptsFilesOwnersModesAndLeavesOnlyWhatPolicySays()
    {
        string deb = Deb("amd64");
        string dpkg = Peers.Require("dpkg");
        string analyze = Peers.Require("systemd-analyze");
        string mosquittoSub = Peers.Require("mosquitto_sub");
        if (!Environment.IsPrivilegedProcess || await InstalledAsync() is not null)
        {
            string why = Environment.IsPrivilegedProcess ? "edge-gateway is already installed here" : "dpkg -i needs root";
            if (Peers.Required)
            {
                throw new InvalidOperationException($"EDGE_REQUIRE_PEERS=1 but {why}");
            }

            Skip.If(true, why);
        }

        try
        {
            // Install.
            var (iExit, iText) = await Repo.RunAsync(dpkg, ["-i", deb]);
            output.WriteLine(iText);
            Assert.True(iExit == 0, iText);
            Assert.Equal("install ok installed", await InstalledAsync());

            // postinst: the user, the device groups, the folders with owners and modes, the enabled unit.
            Assert.NotNull(await GetentAsync("passwd", "edge-gateway"));
            foreach (var group in new[] { "edge-gateway", "i2c", "gpio", "dialout" })
            {
                Assert.NotNull(await GetentAsync("group", group));
            }

            Assert.Equal("root edge-gateway 2770", await StatAsync("/etc/edge-gateway"));
            Assert.Equal("root edge-gateway 640", await StatAsync("/etc/edge-gateway/config.json"));
            Assert.Equal("edge-gateway edge-gateway 750", await StatAsync("/var/lib/edge-gateway"));
            Assert.Equal("root root 755", await StatAsync("/usr/lib/edge-gateway/edge-gateway"));
            Assert.True(File.Exists("/etc/systemd/system/multi-user.target.wants/edge-gateway.service"), "the unit is not enabled");

            // The installed unit, as systemd reads it (its ExecStart binary exists now).
            var (vExit, vText) = await Repo.RunAsync(analyze, ["verify", "/usr/lib/systemd/system/edge-gateway.service"]);
            Assert.True(vExit == 0, vText);

            // The binary on PATH, and provision writing what the service can read.
            var (verExit, ver) = await Repo.RunAsync("/usr/bin/edge-gateway", ["--version"]);
            Assert.True(verExit == 0, ver);
            Assert.StartsWith("edge-gateway ", ver, StringComparison.Ordinal);
            var (pExit, pText) = await Repo.RunAsync("/usr/bin/edge-gateway",
                ["provision", "--config", "/etc/edge-gateway/config.json", "--gateway-id", "ci-cab-01", "--lat", "45.75", "--lon", "21.22", "--tz", "Europe/Bucharest"]);
            Assert.True(pExit == 0, pText);
            Assert.Contains("root:edge-gateway 0640", pText, StringComparison.Ordinal);
            Assert.Equal("root edge-gateway 640", await StatAsync("/etc/edge-gateway/config.json"));

            // The installed (trimmed) binary runs the whole service: telemetry reaches a broker.
            await RunInstalledServiceAsync(mosquittoSub);

            // Upgrade (the same package again): the provisioned conffile is kept.
            var (uExit, uText) = await Repo.RunAsync(dpkg, ["-i", deb]);
            Assert.True(uExit == 0, uText);
            Assert.Contains("ci-cab-01", await File.ReadAllTextAsync("/etc/edge-gateway/config.json"), StringComparison.Ordinal);

            // Remove: the program goes; configuration and the durable log stay.
            var (rExit, rText) = await Repo.RunAsync(dpkg, ["-r", "edge-gateway"]);
            Assert.True(rExit == 0, rText);
            Assert.Equal("deinstall ok config-files", await InstalledAsync());
            Assert.False(Directory.Exists("/usr/lib/edge-gateway"), "/usr/lib/edge-gateway left after remove");
            Assert.False(File.Exists("/usr/lib/systemd/system/edge-gateway.service"));
            Assert.False(File.Exists("/usr/bin/edge-gateway"));
            Assert.True(File.Exists("/etc/edge-gateway/config.json"), "remove must keep the configuration");
            Assert.True(Directory.Exists("/var/lib/edge-gateway"), "remove must keep the durable log");

            // Purge: configuration, state and the unit's enablement go; the system user and groups stay (policy).
            var (gExit, gText) = await Repo.RunAsync(dpkg, ["-P", "edge-gateway"]);
            Assert.True(gExit == 0, gText);
            Assert.Null(await InstalledAsync());
            Assert.False(Directory.Exists("/etc/edge-gateway"), "/etc/edge-gateway left after purge");
            Assert.False(Directory.Exists("/var/lib/edge-gateway"), "/var/lib/edge-gateway left after purge");
            Assert.False(File.Exists("/etc/systemd/system/multi-user.target.wants/edge-gateway.service"));
            Assert.False(File.Exists("/usr/lib/systemd/system/edge-gateway.service"));
            Assert.NotNull(await GetentAsync("passwd", "edge-gateway"));
        }
        finally
        {
            if (await InstalledAsync() is not null)
            {
                await Repo.RunAsync(dpkg, ["-P", "edge-gateway"]);
            }
        }
    }

    private async Task RunInstalledServiceAsync(string mosquittoSub)
    {
        int mqtt = Peers.FreePort();
        int web = Peers.FreePort();
        string state = Directory.CreateTempSubdirectory("hil-installed-").FullName;
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/edge-gateway",
            ["run", "--simulate", "--config", Path.Combine(AppContext.BaseDirectory, "virtual-cabinet.json")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["EdgeGateway__Mqtt__Port"] = mqtt.ToString(CultureInfo.InvariantCulture);
        psi.Environment["EdgeGateway__Web__Urls"] = $"http://127.0.0.1:{web}";
        psi.Environment["EdgeGateway__Storage__Path"] = Path.Combine(state, "log.db");
        using var gateway = System.Diagnostics.Process.Start(psi)!;
        var log = new System.Text.StringBuilder();
        var testLog = TestLog.Current; // the installed binary's error lines fail this test too, each named
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }

            testLog.Add(TestLog.ParseConsoleLine(line));
        }

        gateway.OutputDataReceived += (_, e) => Line(e.Data);
        gateway.ErrorDataReceived += (_, e) => Line(e.Data);
        gateway.BeginOutputReadLine();
        gateway.BeginErrorReadLine();
        try
        {
            string text = "";
            await Peers.Until(async () =>
            {
                var (_, got) = await Repo.RunAsync(mosquittoSub, ["-h", "127.0.0.1", "-p", mqtt.ToString(CultureInfo.InvariantCulture), "-t", "edge/+/telemetry", "-C", "1", "-W", "5"]);
                text = got;
                return got.Contains("\"readings\"", StringComparison.Ordinal) || gateway.HasExited;
            }, "telemetry from the installed binary", TimeSpan.FromSeconds(90));
            string seen;
            lock (log)
            {
                seen = log.ToString();
            }

            Assert.False(gateway.HasExited, seen);
            Assert.Contains("\"readings\"", text, StringComparison.Ordinal);
            Assert.DoesNotMatch("(?i)exception|fail:", seen);
        }
        finally
        {
            await Peers.StopAsync(gateway);
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<string?> InstalledAsync()
    {
        var (exit, text) = await Repo.RunAsync("dpkg-query", ["-W", "-f=${Status}", "edge-gateway"]);
        return exit == 0 && !text.Contains("not-installed", StringComparison.Ordinal) && text.Trim().Length > 0 ? text.Trim() : null;
    }

    private static async Task<string?> GetentAsync(string database, string key)
    {
        var (exit, text) = await Repo.RunAsync("getent", [database, key]);
        return exit == 0 ? text.Trim() : null;
    }

    private static async Task<string> StatAsync(string path)
    {
        var (_, text) = await Repo.RunAsync("stat", ["-c", "%U %G %a", path]);
        return text.Trim();
    }
}
