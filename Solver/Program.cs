using Pinn.Solver.Cli;
using Pinn.Solver.Engine;

NativeMemory.Tune();

return CommandLine.Run(CommandLine.CreateApp(), args);
