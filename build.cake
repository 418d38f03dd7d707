// Build script: dotnet tool restore && dotnet cake --target=<Build|Test|Hil|Publish|Package|Bench|Footprint>
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

Task("Footprint")
    .Description("Side-by-side footprint benchmark against Node-RED (bench/footprint/run.sh; Node-RED where ../shared/bench/peer-nodered/install.sh put it): CPU, RSS, readings/s, latency, disk bytes per reading. Arguments: --seconds=60 --repeats=2 --configs=\"10:100 10:1000 100:100 100:1000 0:1000\".")
    .Does(() =>
    {
        var args = $"bench/footprint/run.sh {Argument("seconds", 60)} {Argument("repeats", 2)} \"{Argument("configs", "10:100 10:1000 100:100 100:1000 0:1000")}\"";
        int exit = StartProcess("bash", new ProcessSettings { Arguments = args });
        if (exit != 0)
        {
            throw new Exception($"bench/footprint/run.sh exited with {exit}");
        }
    });

// The packages offered: self-contained (the Pi needs no .NET), one publish per runtime. linux-arm (armhf) is not
// offered: the package registry serves no linux-arm runtime packs or apphost (README, "Installing").
var packages = new[] { ("linux-arm64", "arm64"), ("linux-x64", "amd64") };
var rids = Argument("rids", string.Join(",", packages.Select(p => p.Item1))).Split(',');

Task("Publish")
    .Description("Self-contained, trimmed (partial), ReadyToRun builds for linux-arm64 and linux-x64, outside the source tree.")
    .Does(() =>
    {
        foreach (var (rid, _) in packages.Where(p => rids.Contains(p.Item1)))
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var output = $"{artifacts}/publish/{rid}";
            CleanDirectory(output);
            DotNetPublish("./src/EdgeRuntime/EdgeRuntime.csproj", new DotNetPublishSettings
            {
                Configuration = configuration,
                Runtime = rid,
                OutputDirectory = output,
                // EdgePackage: self-contained, ReadyToRun, trimmed, no pdb/xml/samples (EdgeRuntime.csproj).
                MSBuildSettings = new DotNetMSBuildSettings().WithProperty("EdgePackage", "true"),
            });
            Information($"publish {rid}: {watch.Elapsed.TotalSeconds:0} s");
        }
    });

Task("Package")
    .Description("A .deb per architecture (arm64, amd64): the app, unit, tmpfiles, udev rules, maintainer scripts (needs dpkg-deb).")
    .IsDependentOn("Publish")
    .Does(() =>
    {
        var version = XmlPeek("./Directory.Build.props", "/Project/PropertyGroup/Version");
        foreach (var (rid, arch) in packages.Where(p => rids.Contains(p.Item1)))
        {
            var exit = StartProcess("bash", new ProcessSettings
            {
                Arguments = $"packaging/build-deb.sh {artifacts}/publish/{rid} {arch} {version} {artifacts}/deb/{arch} {artifacts}",
            });
            if (exit != 0) throw new Exception($"packaging/build-deb.sh failed for {arch}");
        }
    });

RunTarget(target);
