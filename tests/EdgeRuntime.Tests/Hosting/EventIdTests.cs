using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Tests.Hosting;

/// <summary>Every log line of the product has its own event id, in its subsystem's range (README, "Log event ids"),
/// so a journal search or a test's <c>ExpectError(id)</c> names one message.</summary>
[Trait("Category", "Unit")]
public sealed partial class EventIdTests
{
    /// <summary>The subsystems' ranges, by namespace (the README's table).</summary>
    private static readonly (string Namespace, int First, int Last)[] Ranges =
    [
        ("EdgeGateway.Runtime.Polling", 100, 199),
        ("EdgeGateway.Sync.Recording", 200, 299),
        ("EdgeGateway.Sync.Uplink", 300, 399),
        ("EdgeGateway.Runtime.Lighting", 400, 499),
        ("EdgeGateway.Runtime.Commands", 500, 599),
        ("EdgeGateway.Runtime.Parking", 600, 699),
        ("EdgeGateway.Runtime.Waste", 700, 799),
        ("EdgeGateway.Runtime.Cabinet", 800, 899),
        ("EdgeGateway.Runtime.Web", 900, 999),
        ("EdgeGateway.Runtime.Hosting", 1000, 1199),
        ("EdgeGateway.Runtime.Modbus", 1200, 1299),
        ("EdgeGateway.Sync.Log", 1300, 1399),
        ("EdgeGateway.Drivers", 1400, 1499),
        ("EdgeGateway.Runtime.Simulation", 1500, 1599),
    ];

    private static readonly Assembly[] Product =
    [
        typeof(Runtime.Hosting.GatewayHost).Assembly,
        typeof(Sync.Log.DurableLog).Assembly,
        typeof(Drivers.Bus.II2cBusFactory).Assembly,
        typeof(Contracts.Reading).Assembly,
    ];

    private static IEnumerable<(MethodInfo Method, LoggerMessageAttribute Attribute)> Messages() =>
        from assembly in Product
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select (method, attribute);

    private static string Name(MethodInfo m) => $"{m.DeclaringType!.FullName}.{m.Name}";

    [Fact]
    public void LoggerMessages_AreFound()
    {
        // Guards the reflection itself: the product has dozens of messages, in both Runtime and Sync.
        var messages = Messages().ToList();
        Assert.True(messages.Count > 30, $"only {messages.Count} [LoggerMessage] methods found");
        Assert.Contains(messages, m => m.Method.DeclaringType!.Assembly == typeof(Sync.Log.DurableLog).Assembly);
    }

    [Fact]
    public void LoggerMessages_EachHasAnEventId()
    {
        var without = Messages().Where(m => m.Attribute.EventId <= 0).Select(m => Name(m.Method)).ToList();
        Assert.True(without.Count == 0, "[LoggerMessage] without an event id: " + string.Join(", ", without));
    }

    [Fact]
    public void LoggerMessages_EventIdsAreUniqueAcrossTheProduct()
    {
        var duplicates = Messages().GroupBy(m => m.Attribute.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => Name(m.Method)))}").ToList();
        Assert.True(duplicates.Count == 0, "event ids used more than once: " + string.Join("; ", duplicates));
    }

    [Fact]
    public void LoggerMessages_EventIdsAreInTheirSubsystemsRange()
    {
        var wrong = new List<string>();
        foreach (var (method, attribute) in Messages())
        {
            string ns = method.DeclaringType!.Namespace ?? "";
            var range = Ranges.Where(r => ns == r.Namespace || ns.StartsWith(r.Namespace + ".", StringComparison.Ordinal))
                .OrderByDescending(r => r.Namespace.Length).Cast<(string, int, int)?>().FirstOrDefault();
            if (range is not var (_, first, last))
            {
                wrong.Add($"{Name(method)} ({attribute.EventId}): namespace {ns} has no range in the table");
            }
            else if (attribute.EventId < first || attribute.EventId > last)
            {
                wrong.Add($"{Name(method)} ({attribute.EventId}): outside {ns}'s {first}-{last}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Ranges_DoNotOverlap_AndTheReadmeListsThem()
    {
        var sorted = Ranges.OrderBy(r => r.First).ToList();
        for (int i = 1; i < sorted.Count; i++)
        {
            Assert.True(sorted[i].First > sorted[i - 1].Last, $"{sorted[i - 1].Namespace} and {sorted[i].Namespace} overlap");
        }

        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        foreach (var (ns, first, last) in Ranges)
        {
            Assert.Contains($"| {first}-{last} | `{ns}` |", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sources_LogOnlyThroughLoggerMessages()
    {
        // logger.LogWarning("...") has no event id and parses its template at every call; [LoggerMessage] has both.
        var direct = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (DirectLogCall().IsMatch(lines[i]))
                {
                    direct.Add($"{Path.GetRelativePath(RepositoryRoot(), file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(direct.Count == 0, "log calls without [LoggerMessage]:\n" + string.Join("\n", direct));
    }

    private static string RepositoryRoot()
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

    [GeneratedRegex(@"\.Log(Trace|Debug|Information|Warning|Error|Critical)\(|\.Log\(LogLevel\.")]
    private static partial Regex DirectLogCall();
}
