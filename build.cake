// Build script: dotnet tool restore && dotnet cake --target=<Build|Test|Hil|Publish|Package|Bench>
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = "./edge-gateway.slnx";
var artifacts = Argument("artifacts", "../edge-gateway-artifacts"); // outside the source tree

Task("Build")
    .Does(() => DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration }));

Task("Test")
    .Description("Fast unit and integration tests (no external peers).")
    .IsDependentOn("Build")
    .Does(() => DotNetTest(solution, new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        Filter = "Category!=Hil",
    }));

Task("Hil")
    .Description("Hardware-in-the-loop: whole-host scenarios against real Mosquitto, pymodbus, socat.")
    .IsDependentOn("Build")
    .Does(() => DotNetTest("./hil/Hil.csproj", new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        Filter = "Category=Hil",
        EnvironmentVariables = { ["EDGE_REQUIRE_PEERS"] = "1" },
    }));

Task("Bench")
    .Description("Benchmarks (numbers to read, never asserted): the log, recorder and uplink; the Modbus master and poller.")
    .Does(() =>
    {
        DotNetRun("./bench/Sync.Bench/Sync.Bench.csproj", new DotNetRunSettings { Configuration = "Release" });
        DotNetRun("./bench/Modbus.Bench/Modbus.Bench.csproj", new DotNetRunSettings { Configuration = "Release" });
    });

Task("Publish")
    .Description("Framework-dependent builds for the Pi (linux-arm64) and older ARM gateways (linux-arm).")
    .Does(() =>
    {
        foreach (var rid in new[] { "linux-arm64", "linux-arm" })
        {
            DotNetPublish("./src/EdgeRuntime/EdgeRuntime.csproj", new DotNetPublishSettings
            {
                Configuration = configuration,
                Runtime = rid,
                SelfContained = false,
                OutputDirectory = $"{artifacts}/publish/{rid}",
            });
        }
    });

Task("Package")
    .Description("A .deb per architecture with the unit, tmpfiles and udev rules (needs dpkg-deb).")
    .IsDependentOn("Publish")
    .Does(() =>
    {
        var version = XmlPeek("./Directory.Build.props", "/Project/PropertyGroup/Version");
        foreach (var (rid, arch) in new[] { ("linux-arm64", "arm64"), ("linux-arm", "armhf") })
        {
            var root = $"{artifacts}/deb/{arch}";
            CleanDirectory(root);
            CopyDirectory($"{artifacts}/publish/{rid}", $"{root}/usr/lib/edge-gateway");
            CopyFile("./systemd/edge-gateway.service", EnsureFile($"{root}/lib/systemd/system/edge-gateway.service"));
            CopyFile("./systemd/edge-gateway.tmpfiles.conf", EnsureFile($"{root}/usr/lib/tmpfiles.d/edge-gateway.conf"));
            CopyFile("./systemd/99-edge-gateway.rules", EnsureFile($"{root}/lib/udev/rules.d/99-edge-gateway.rules"));
            CopyFile("./README.md", EnsureFile($"{root}/usr/share/doc/edge-gateway/README.md"));
            System.IO.File.WriteAllText(EnsureFile($"{root}/DEBIAN/control"),
                $"Package: edge-gateway\nVersion: {version}\nArchitecture: {arch}\nMaintainer: edge-gateway team\n" +
                "Depends: aspnetcore-runtime-10.0\nDescription: street-cabinet edge gateway\n");
            System.IO.File.WriteAllText(EnsureFile($"{root}/DEBIAN/postinst"),
                "#!/bin/sh\nset -e\ngetent group edge-gateway >/dev/null || addgroup --system edge-gateway\n" +
                "getent passwd edge-gateway >/dev/null || adduser --system --ingroup edge-gateway --no-create-home edge-gateway\n" +
                "systemd-tmpfiles --create edge-gateway.conf || true\nsystemctl daemon-reload || true\n");
            StartProcess("chmod", new ProcessSettings { Arguments = $"0755 {root}/DEBIAN/postinst" });
            var exit = StartProcess("dpkg-deb", new ProcessSettings { Arguments = $"--root-owner-group --build {root} {artifacts}/edge-gateway_{version}_{arch}.deb" });
            if (exit != 0) throw new Exception($"dpkg-deb failed for {arch}");
        }
    });

string EnsureFile(string path)
{
    EnsureDirectoryExists(System.IO.Path.GetDirectoryName(path));
    return path;
}

RunTarget(target);
