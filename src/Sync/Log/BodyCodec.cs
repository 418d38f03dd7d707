using System.IO.Compression;
using System.Text;

namespace EdgeGateway.Sync.Log;

/// <summary>
/// Compresses large record bodies before they reach the SD card. A telemetry batch is JSON that repeats its point
/// names, time stamps and field names; deflate takes it to a fraction (measured in Sync.Bench), which is what the
/// card writes twice (LiteDB's journal, then the checkpoint into the data file). Small bodies (events) stay plain.
/// </summary>
internal static class BodyCodec
{
    /// <summary>Bodies shorter than this are stored as they are: deflate would save little on them.</summary>
    public const int MinPackedChars = 512;

    /// <summary>The deflated UTF-8 of <paramref name="body"/>, or null when it is stored plain.</summary>
    public static byte[]? Pack(string body)
    {
        if (body.Length < MinPackedChars)
        {
            return null;
        }

        // The UTF-8 goes through a pooled array and the deflate output into a stream kept per thread: the only array
        // left behind is the packed body itself.
        var output = t_output ??= new MemoryStream(16 * 1024);
        output.SetLength(0);
        byte[] utf8 = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(body.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(body, utf8);
            using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                deflate.Write(utf8, 0, length);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(utf8);
        }

        var packed = output.ToArray();
        if (output.Capacity > 1024 * 1024)
        {
            t_output = null;
        }

        return packed;
    }

    [ThreadStatic]
    private static MemoryStream? t_output;

    /// <summary>The body <paramref name="packed"/> holds.</summary>
    public static string Unpack(byte[] packed)
    {
        using var input = new DeflateStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
