using EdgeGateway.Sync.Log;

namespace EdgeGateway.Sync.Tests.Log;

[Trait("Category", "Unit")]
public sealed class AckTrackerTests
{
    [Fact]
    public void Acked_OutOfOrder_MovesCheckpointOnlyOverContiguousPrefix()
    {
        var tracker = new AckTracker();
        foreach (long seq in new long[] { 1, 2, 3, 4 })
        {
            tracker.Sent(seq);
        }

        Assert.Null(tracker.Acked(3));
        Assert.Null(tracker.Acked(2));
        Assert.Equal(3, tracker.Acked(1));
        Assert.Equal(1, tracker.InFlight);
        Assert.Equal(4, tracker.Acked(4));
        Assert.Equal(0, tracker.InFlight);
    }

    [Fact]
    public void Acked_GapInSeqs_CheckpointIsLastSentSeqOfPrefix()
    {
        // Pruned records leave gaps in what is sent; the checkpoint follows what was sent, not seq + 1.
        var tracker = new AckTracker();
        tracker.Sent(5);
        tracker.Sent(9);

        Assert.Null(tracker.Acked(9));
        Assert.Equal(9, tracker.Acked(5));
    }

    [Fact]
    public void Acked_UnknownSeq_ReturnsNullAndKeepsInFlight()
    {
        var tracker = new AckTracker();
        tracker.Sent(1);

        Assert.Null(tracker.Acked(7));
        Assert.Equal(1, tracker.InFlight);
    }

    [Fact]
    public void Reset_InFlight_ForgetsEverythingAndAcceptsResend()
    {
        var tracker = new AckTracker();
        tracker.Sent(1);
        tracker.Sent(2);

        tracker.Reset();

        Assert.Equal(0, tracker.InFlight);
        Assert.Null(tracker.Acked(1));

        // After a reconnect the same seqs are sent again.
        tracker.Sent(1);
        Assert.Equal(1, tracker.Acked(1));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void Sent_NonIncreasingSeq_Throws(long seq)
    {
        var tracker = new AckTracker();
        tracker.Sent(3);

        var ex = Assert.Throws<ArgumentException>(() => tracker.Sent(seq));

        Assert.Equal("seq", ex.ParamName);
        Assert.Equal(1, tracker.InFlight);
    }
}
