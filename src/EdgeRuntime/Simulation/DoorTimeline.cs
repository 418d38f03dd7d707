namespace EdgeGateway.Runtime.Simulation;

/// <summary>Technician visits: on about one day in four, a 10-40 minute visit between 08:00 and 16:00 UTC.</summary>
internal sealed class DoorTimeline(Random random, DateTimeOffset start)
{
    private readonly List<(DateTimeOffset Open, DateTimeOffset Close)> _visits = [];
    private readonly Lock _lock = new();
    private int _days;

    public bool OpenAt(DateTimeOffset t) => Visit(t, TimeSpan.Zero);

    // The session starts 5 minutes before the door opens (the technician logs in from the van) and ends with it.
    public bool SessionAt(DateTimeOffset t) => Visit(t, TimeSpan.FromMinutes(5));

    private bool Visit(DateTimeOffset t, TimeSpan lead)
    {
        lock (_lock)
        {
            var day0 = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero);
            while (day0.AddDays(_days) <= t)
            {
                bool visit = random.NextDouble() < 0.25;
                var open = day0.AddDays(_days).AddHours(8 + (8 * random.NextDouble()));
                var close = open.AddMinutes(10 + (30 * random.NextDouble()));
                if (visit)
                {
                    _visits.Add((open, close));
                }

                _days++;
            }

            return _visits.Exists(v => v.Open - lead <= t && t < v.Close);
        }
    }
}
