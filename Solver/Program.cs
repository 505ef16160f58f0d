using Pinn.Solver.Cli;

return CommandLine.Run(CommandLine.CreateApp(), args);
