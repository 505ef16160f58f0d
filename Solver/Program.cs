using Pinn.Solver.Cli;
using Pinn.Solver.Engine;

NativeReproducibility.Apply();
NativeMemory.Tune();

return CommandLine.Run(CommandLine.CreateApp(), args);
