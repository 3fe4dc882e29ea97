// The push specs host a hub on MassTransit's in-memory transport, whose queues are shared by all buses in the
// process: two hubs at once would compete for one intake queue. So the tests here run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
