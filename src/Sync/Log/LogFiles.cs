using System.Globalization;
using EdgeGateway.Sync.Durability;
using LiteDB;

namespace EdgeGateway.Sync.Log;

/// <summary>
/// The LiteDB files of the log (<c>log.db</c> and its write-ahead journal <c>log-log.db</c>): opening them, moving
/// them aside when they are damaged beyond LiteDB's recovery, flushing commits to the disk, and what they take on it.
/// </summary>
/// <remarks>
/// LiteDB 5.0.21 writes a commit's pages to the journal synchronously but never fsyncs it (only checkpoints, which
/// copy the journal into the data file, fsync that file). So a commit lives in the page cache until the kernel
/// writes it back: a power cut forgets it. <see cref="Flush"/> fsyncs the journal through a handle of its own
/// (fsync flushes the file, whichever descriptor wrote it), making every commit before it durable.
/// </remarks>
internal sealed class LogFiles : IDisposable
{
    private bool _folderSynced;

    private LogFiles(string path, LiteDatabase db)
    {
        DataPath = path;
        JournalPath = JournalOf(path);
        Db = db;
    }

    /// <summary>The open database.</summary>
    public LiteDatabase Db { get; }

    /// <summary>The data file.</summary>
    public string DataPath { get; }

    /// <summary>LiteDB's journal beside it.</summary>
    public string JournalPath { get; }

    /// <summary>What opening had to do, or null when the files opened as they were.</summary>
    public string? DamageReason { get; private set; }

    /// <summary>Where damaged files were moved, when they were.</summary>
    public string? MovedTo { get; private set; }

    /// <summary>Bytes the data file takes now.</summary>
    public long DataBytes => LengthOf(DataPath);

    /// <summary>Bytes the log's files take on the disk now (data file and journal).</summary>
    public long BytesOnDisk => LengthOf(DataPath) + LengthOf(JournalPath);

    /// <summary>
    /// Opens the files and runs <paramref name="check"/> on them (it reads everything a start-up needs). When either
    /// throws, the files are moved aside (<c>log.db.damaged-{time}</c>) and a fresh log is created.
    /// </summary>
    /// <param name="path">The data file's path.</param>
    /// <param name="mapper">The BSON mapper for the records.</param>
    /// <param name="checkpointPages">LiteDB's CHECKPOINT pragma: journal pages before they are copied into the data file.</param>
    /// <param name="check">Reads the opened database; throws when it is damaged.</param>
    /// <param name="now">The time used to name moved files.</param>
    public static LogFiles Open(string path, BsonMapper mapper, int checkpointPages, Action<LiteDatabase> check, DateTimeOffset now)
    {
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        LiteDatabase? db = null;
        try
        {
            db = Create(full, mapper, checkpointPages);
            check(db);
            return new LogFiles(full, db);
        }
        catch (Exception ex) when (ex is LiteException or IOException or InvalidOperationException or InvalidCastException
                                       or ArgumentException or IndexOutOfRangeException or OverflowException or FormatException
                                       && !IsDiskFull(ex))
        {
            try
            {
                db?.Dispose();
            }
            catch (Exception disposeError) when (disposeError is LiteException or IOException or InvalidOperationException)
            {
                // A damaged file may fail to close as well; it is moved aside below either way.
            }

            string movedTo = MoveAside(full, now);
            var fresh = Create(full, mapper, checkpointPages);
            check(fresh);
            return new LogFiles(full, fresh) { DamageReason = $"{ex.GetType().Name}: {ex.Message}", MovedTo = movedTo };
        }
    }

    /// <summary>Makes every commit so far durable: fsync of the journal (and, once, of the folder that holds it).</summary>
    /// <exception cref="IOException">The disk refused the flush.</exception>
    public void Flush()
    {
        AtomicFile.SyncFile(JournalPath);
        if (!_folderSynced)
        {
            // The files were created by this run (or its predecessor); their folder entries must be durable too.
            AtomicFile.SyncFile(DataPath);
            AtomicFile.SyncFolder(System.IO.Path.GetDirectoryName(DataPath)!);
            _folderSynced = true;
        }
    }

    /// <summary>True when <paramref name="ex"/> says the disk is full.</summary>
    public static bool IsDiskFull(Exception ex) =>
        ex is IOException io && (io.HResult == 28 || io.HResult == unchecked((int)0x80070070)
                                 || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase))
        || ex.InnerException is { } inner && IsDiskFull(inner);

    /// <inheritdoc />
    public void Dispose() => Db.Dispose();

    private static LiteDatabase Create(string path, BsonMapper mapper, int checkpointPages)
    {
        // Direct mode: one process owns the file.
        var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, mapper)
        {
            // LiteDB stores UTC but hands dates back in local time by default; LogRecord.Ts is documented UTC.
            UtcDate = true,
        };
        if (db.CheckpointSize != checkpointPages)
        {
            db.CheckpointSize = checkpointPages;
        }

        return db;
    }

    private static string MoveAside(string path, DateTimeOffset now)
    {
        string stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string target = $"{path}.damaged-{stamp}";
        for (int i = 1; File.Exists(target); i++)
        {
            target = $"{path}.damaged-{stamp}-{i}";
        }

        if (File.Exists(path))
        {
            File.Move(path, target);
        }

        string journal = JournalOf(path);
        if (File.Exists(journal))
        {
            File.Move(journal, target + "-log");
        }

        AtomicFile.SyncFolder(System.IO.Path.GetDirectoryName(path)!);
        return target;
    }

    private static string JournalOf(string path) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!,
            System.IO.Path.GetFileNameWithoutExtension(path) + "-log" + System.IO.Path.GetExtension(path));

    private static long LengthOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
