using EdgeGateway.Runtime.Cli;

namespace EdgeGateway.Runtime.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class CommandLineTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await CommandLine.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task RunAsync_Version_PrintsTheVersionExit0()
    {
        var (exit, output, err) = await RunAsync("--version");

        Assert.Equal(0, exit);
        Assert.Equal("", err);
        Assert.Matches(@"^edge-gateway \d+\.\d+\.\d+\s*$", output);
    }

    [Theory]
    [InlineData("run", "--config PATH")]
    [InlineData("provision", "--technician-password-file")]
    [InlineData("check", "--json")]
    [InlineData("astro", "--lat")]
    [InlineData("replay", "--trace")]
    public async Task RunAsync_VerbHelp_PrintsItsOptionsExit0(string verb, string option)
    {
        var (exit, output, err) = await RunAsync(verb, "--help");

        Assert.Equal(0, exit);
        Assert.Equal("", err);
        Assert.Contains(option, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_ListsEveryVerb()
    {
        var (exit, output, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        foreach (var verb in new[] { "provision", "check", "astro", "replay", "--version" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }
}
