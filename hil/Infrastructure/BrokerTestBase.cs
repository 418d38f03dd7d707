namespace EdgeGateway.Hil.Infrastructure;

/// <summary>A HIL test class with its own Mosquitto, an independent central subscriber on it (and, when asked, a central
/// operator sending commands), and a temp folder for
/// the gateway's files; all started before each test and gone after it.</summary>
public abstract class BrokerTestBase : IAsyncLifetime
{
    /// <summary>The running test's log, taken in the constructor so that a gateway started in
    /// <see cref="InitializeAsync"/> logs into the same collector the test's end checks.</summary>
    private protected TestLogCollector TestLogs { get; } = TestLog.Current;

    /// <summary>The broker.</summary>
    protected MosquittoBroker Broker { get; private set; } = null!;

    /// <summary>The central consumer (MQTT 5 persistent session on <c>edge/#</c>).</summary>
    protected CentralSubscriber Central { get; private set; } = null!;

    /// <summary>A central operator sending commands (started when <see cref="WithOperator"/>).</summary>
    protected CommandClient Operator { get; private set; } = null!;

    /// <summary>Start <see cref="Operator"/> too.</summary>
    protected virtual bool WithOperator => false;

    /// <summary>A temp folder for the gateway's log and configuration.</summary>
    protected string Folder { get; } = Directory.CreateTempSubdirectory("hil-").FullName;

    /// <summary>Extra lines for the broker's configuration (an ACL file, listeners).</summary>
    protected virtual string? BrokerConfig => null;

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        Broker = new MosquittoBroker(BrokerConfig);
        await Broker.StartAsync();
        Central = new CentralSubscriber(Broker.Port);
        await Central.ConnectAsync();
        if (WithOperator)
        {
            Operator = new CommandClient(Broker.Port);
            await Operator.ConnectAsync();
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Operator is not null)
        {
            await Operator.DisposeAsync();
        }

        if (Central is not null)
        {
            await Central.DisposeAsync();
        }

        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
