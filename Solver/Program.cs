using Pinn.Solver.Cli;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("pinn");
    config.PropagateExceptions();
    config.AddCommand<ListCommand>("list").WithDescription("List the problems and optimizers.");
    config.AddCommand<SolveCommand>("solve").WithDescription("Train a PINN on a problem and report its error.")
        .WithExample("solve", "poisson2d", "--optimizer", "adam:1000,lbfgs:1000", "--json");
});
return CommandLine.Run(app, args);
