using EdgeGateway.Sync.Uplink;
using MQTTnet;

namespace EdgeGateway.Sync.Tests.Uplink;

[Trait("Category", "Unit")]
public sealed class PublishClassificationTests
{
    [Theory]
    [InlineData(MqttClientPublishReasonCode.Success, PublishOutcome.Acked)]
    [InlineData(MqttClientPublishReasonCode.NoMatchingSubscribers, PublishOutcome.Acked)]
    [InlineData(MqttClientPublishReasonCode.TopicNameInvalid, PublishOutcome.Invalid)]
    [InlineData(MqttClientPublishReasonCode.PayloadFormatInvalid, PublishOutcome.Invalid)]
    [InlineData(MqttClientPublishReasonCode.NotAuthorized, PublishOutcome.Refused)]
    [InlineData(MqttClientPublishReasonCode.QuotaExceeded, PublishOutcome.Throttled)]
    [InlineData(MqttClientPublishReasonCode.ImplementationSpecificError, PublishOutcome.Throttled)]
    [InlineData(MqttClientPublishReasonCode.UnspecifiedError, PublishOutcome.Throttled)]
    [InlineData(MqttClientPublishReasonCode.PacketIdentifierInUse, PublishOutcome.Transient)]
    [InlineData((MqttClientPublishReasonCode)0xA5, PublishOutcome.Refused)]
    public void Classify_ReasonCode_ByWhatItMeans(MqttClientPublishReasonCode code, PublishOutcome expected) =>
        Assert.Equal(expected, MqttNetTransport.Classify(code));
}
