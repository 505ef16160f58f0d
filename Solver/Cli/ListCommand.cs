using Pinn.Optimizers;
using Pinn.Problems;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary><c>pinn list</c>: problems and optimizers with a one-line description each.</summary>
public sealed class ListCommand : Command<ListCommand.Settings>
{
    /// <summary>No options.</summary>
    public sealed class Settings : CommandSettings;

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problems = new Table().AddColumn("problem").AddColumn("definition").AddColumn("terms (default points, weight)").AddColumn("hidden");
        foreach (var p in ProblemCatalog.All)
        {
            var terms = p.Create(new ProblemOptions()).Terms.Select(t => $"{t.Name} ({t.Sample.Count}, w={t.Weight:G})");
            var forms = (p.HardForm is null ? "" : $"; --hard: {p.HardForm}") + (p.PeriodicCoordinate is null ? "" : "; --periodic");
            problems.AddRow(p.Name, Markup.Escape(p.Description + forms), Markup.Escape(string.Join(", ", terms)), string.Join(",", p.DefaultHidden));
        }
        var recipes = new Table().AddColumn("problem").AddColumn("recipe: what 'pinn solve PROBLEM' runs without options");
        foreach (var p in ProblemCatalog.All) recipes.AddRow(p.Name, Markup.Escape(p.Recipe.ToString()));
        var optimizers = new Table().AddColumn("optimizer").AddColumn("description").AddColumn("options (defaults)");
        foreach (var o in OptimizerCatalog.Default.Descriptors)
            optimizers.AddRow(o.Name, Markup.Escape(o.Description),
                Markup.Escape(string.Join(", ", o.Options.Select(x => $"{x.Key}={x.DefaultValue}"))));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Write(new Rule("[bold]Problems[/]").LeftJustified());
        console.Write(problems);
        console.Write(new Rule("[bold]Recipes[/]").LeftJustified());
        console.Write(recipes);
        console.MarkupLine($"A command-line option replaces the recipe's of the same name; [blue]--no-recipe[/] runs the plain defaults ({Recipe.PlainOptimizer}, the problem's network, points and sampling). Measured errors: BENCHMARKS.md, section defaults.");
        console.Write(new Rule("[bold]Optimizers[/]").LeftJustified());
        console.Write(optimizers);
        console.MarkupLine("Optimizer sequences: [blue]NAME[[:STEPS]][[:key=value...]],...[/]  e.g. adam:1000:lr=1e-3,lbfgs:1000");
        return ExitCodes.Ok;
    }
}
