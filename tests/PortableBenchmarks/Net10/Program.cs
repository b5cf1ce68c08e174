StaticNet.PortableBenchmarks.Workload.Run(args);
