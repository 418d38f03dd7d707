namespace EdgeGateway.Sync.Tests.Support;

/// <summary>A fresh folder under the system temp directory for one test's LiteDB files; deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        FullPath = Directory.CreateTempSubdirectory("edge-sync-tests-").FullName;
    }

    public string FullPath { get; }

    public string File(string name = "log.db") => Path.Combine(FullPath, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open would be a bug in the test, not worth masking the real assertion failure.
        }
    }
}
