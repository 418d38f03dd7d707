// HIL tests start real peers (Mosquitto, pymodbus, socat, Chromium) and whole gateways; run one class at a time so
// that on a 2-core CI machine one test's Chromium start does not push another's Modbus answers past their timeouts.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
