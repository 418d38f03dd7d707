namespace EdgeGateway.Drivers.Distance;

/// <summary>Finds a bin's distance source by device id (the virtual cabinet's, later the Modbus poller's).</summary>
public interface IDistanceSourceFactory
{
    /// <summary>The source with <paramref name="id"/>; a source that fails every cycle when none is known.</summary>
    IDistanceSource Open(string id, int pingsPerCycle);
}
