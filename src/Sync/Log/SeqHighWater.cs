using System.Globalization;
using System.Text;
using EdgeGateway.Sync.Durability;

namespace EdgeGateway.Sync.Log;

/// <summary>
/// A small file beside the log (<c>log.db.seq</c>) holding a number above every <c>seq</c> the log has handed out.
/// It is raised durably (<see cref="AtomicFile"/>) before a record with a higher seq is committed, a block of
/// <see cref="Step"/> at a time, so it costs one small write per block. When the log file is lost or damaged
/// beyond LiteDB's recovery, the fresh log continues from here: a published seq is never reused.
/// </summary>
internal sealed class SeqHighWater
{
    /// <summary>How many seqs one write of the file reserves.</summary>
    public const long Step = 10_000;

    private readonly string _path;

    private SeqHighWater(string path, long value)
    {
        _path = path;
        Value = value;
    }

    /// <summary>Every seq handed out so far is below this (0: the file does not exist).</summary>
    public long Value { get; private set; }

    /// <summary>The file's path.</summary>
    public string Path => _path;

    /// <summary>Reads the file kept beside <paramref name="logPath"/>; a missing or unreadable one reads as 0.</summary>
    public static SeqHighWater Open(string logPath)
    {
        string path = logPath + ".seq";
        long value = 0;
        try
        {
            if (File.Exists(path))
            {
                _ = long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
            }
        }
        catch (IOException)
        {
            // Unreadable: the log's own nextSeq still rules; the file is rewritten on the next append.
        }

        return new SeqHighWater(path, value);
    }

    /// <summary>Makes sure every seq below <paramref name="nextSeq"/> is covered, writing the file if not.</summary>
    /// <exception cref="IOException">The file could not be written (the disk is full or gone).</exception>
    public void Cover(long nextSeq)
    {
        if (nextSeq <= Value)
        {
            return;
        }

        long value = nextSeq + Step;
        AtomicFile.Write(_path, Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture) + "\n"));
        Value = value;
    }
}
