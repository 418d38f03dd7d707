using EdgeGateway.Contracts;
using EdgeGateway.Sync.Recording;

namespace EdgeGateway.Runtime.Points;

/// <summary>Where every reading goes: the point table (latest value) and the recorder (history).</summary>
internal sealed class ReadingSink(PointTable table, IRecorder recorder)
{
    /// <summary>Publishes one reading.</summary>
    public void Publish(Reading reading)
    {
        table.Update(reading);
        recorder.Record(reading);
    }
}
