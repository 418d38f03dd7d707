using System.Text;
using EdgeGateway.Sync.Durability;
using EdgeGateway.Sync.Tests.Support;

namespace EdgeGateway.Sync.Tests.Durability;

[Trait("Category", "Unit")]
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_ExistingFile_ReplacesWholeContentAndLeavesNoTemp()
    {
        string path = Path.Combine(_folder.FullPath, "config.json");
        File.WriteAllText(path, "old content that is longer than the new one");

        AtomicFile.Write(path, Encoding.UTF8.GetBytes("new"));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["config.json"], Directory.GetFiles(_folder.FullPath).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_WithMode_CreatesFileWithExactlyThatMode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path = Path.Combine(_folder.FullPath, "secret.json");
        File.WriteAllText(path + ".tmp", "stale temp file with a wide mode");
        File.SetUnixFileMode(path + ".tmp", (UnixFileMode)0b111_111_111);

        AtomicFile.Write(path, "{}"u8, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
    }

    [Fact]
    public void SyncFile_MissingFile_ReturnsFalse()
    {
        Assert.False(AtomicFile.SyncFile(Path.Combine(_folder.FullPath, "absent")));
        string present = Path.Combine(_folder.FullPath, "present");
        File.WriteAllText(present, "x");
        Assert.True(AtomicFile.SyncFile(present));
    }

    [Fact]
    public void SyncFolder_MissingFolder_ThrowsIOException()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Throws<IOException>(() => AtomicFile.SyncFolder(Path.Combine(_folder.FullPath, "absent")));
    }
}
