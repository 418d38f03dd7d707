using EdgeGateway.Drivers.Devices.Pca9685;

namespace EdgeGateway.Drivers.Tests.Simulation;

[Trait("Category", "Unit")]
public sealed class SimulatedPca9685Tests
{
    [Fact]
    public void DutyCycle_PowerOn_EveryChannelFullOff()
    {
        var chip = new SimulatedPca9685();

        Assert.All(Enumerable.Range(0, 16), c => Assert.Equal(0, chip.DutyCycle(c)));
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(3, 25.0)]
    [InlineData(7, 50.0)]
    [InlineData(15, 100.0)]
    public void SetLevel_ThroughRealBinding_ChipOutputsThatDuty(int channel, double level)
    {
        var chip = new SimulatedPca9685();
        using var dimmer = new PwmDimmer("pwm1", chip);

        dimmer.SetLevel(channel, level);

        Assert.Equal(level / 100, chip.DutyCycle(channel), 3);
        Assert.Equal(level, dimmer.GetLevel(channel), 1);
    }

    [Fact]
    public void SetLevel_OneChannel_LeavesOthersAlone()
    {
        var chip = new SimulatedPca9685();
        using var dimmer = new PwmDimmer("pwm1", chip);

        dimmer.SetLevel(2, 60);
        dimmer.SetLevel(3, 30);

        Assert.Equal(0.6, chip.DutyCycle(2), 3);
        Assert.Equal(0.3, chip.DutyCycle(3), 3);
        Assert.Equal(0, chip.DutyCycle(4));
    }

    [Fact]
    public void SetLevel_ChipNotAnswering_ThrowsIOExceptionAndRecoversAfter()
    {
        var chip = new SimulatedPca9685 { Faulted = true };
        using var dimmer = new PwmDimmer("pwm1", chip);

        Assert.Throws<IOException>(() => dimmer.SetLevel(0, 100));
        chip.Faulted = false;
        dimmer.SetLevel(0, 100);

        Assert.Equal(1, chip.DutyCycle(0));
    }
}
