using System.Globalization;
using System.Text;
using Pinn.Verification.Figures;

namespace Pinn.Solver.Bench;

/// <summary>The suite's results as markdown, CSV (one row per case, and the error-against-time curves) and figures.</summary>
public static class BenchReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The results table (markdown), one section per problem.</summary>
    public static string Markdown(string suite, double budget, IReadOnlyList<BenchResult> results, TorchComparison? torch)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(C, $"## Suite `{suite}`: every case under a wall-clock budget of {budget:G4} s"));
        text.AppendLine();
        text.AppendLine("Training time excludes the error evaluations (recorded at times growing by 10 %). rel. L2 on ≥ 10 000 points; “time to 1e-3”: first recorded time with rel. L2 ≤ 1e-3.");
        foreach (var group in results.GroupBy(r => r.Case.Problem))
        {
            text.AppendLine();
            text.AppendLine($"### {group.Key}");
            text.AppendLine();
            text.AppendLine("| optimizer | rel. L2 | time to 1e-3 (s) | steps | seconds | final loss | parameters | command |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
            foreach (var r in group.OrderBy(r => double.IsNaN(r.RelativeL2) ? double.PositiveInfinity : r.RelativeL2))
            {
                text.AppendLine(r.Failure is null
                    ? string.Create(C, $"| {r.Case.Label} | {r.RelativeL2:E2} | {Seconds(r.TimeTo1e3)} | {r.Steps} | {r.Seconds:F1} | {r.Loss:E2} | {r.Parameters} | `{r.Command}` |")
                    : $"| {r.Case.Label} | failed: {r.Failure} | | | | | | `{r.Command}` |");
            }
        }
        if (torch is not null) text.Append(torch.Markdown());
        return text.ToString();
    }

    /// <summary>One CSV row per case.</summary>
    public static string Csv(IReadOnlyList<BenchResult> results)
    {
        var text = new StringBuilder("problem,optimizer,spec,parameters,steps,seconds,loss,rel_l2,time_to_1e-3,failure\n");
        foreach (var r in results)
            text.Append(string.Create(C, $"{r.Case.Problem},{r.Case.Label},\"{r.Case.Spec}\",{r.Parameters},{r.Steps},{r.Seconds:R},{r.Loss:R},{r.RelativeL2:R},{r.TimeTo1e3:R},\"{r.Failure?.Replace("\"", "'")}\"\n"));
        return text.ToString();
    }

    /// <summary>The error-against-time curves, long form.</summary>
    public static string Curves(IReadOnlyList<BenchResult> results, TorchComparison? torch)
    {
        var text = new StringBuilder("problem,optimizer,seconds,rel_l2\n");
        foreach (var r in results)
            foreach (var (s, e) in r.Curve) text.Append(string.Create(C, $"{r.Case.Problem},{r.Case.Label},{s:R},{e:R}\n"));
        if (torch is not null)
            foreach (var (label, curve) in torch.Curves())
                foreach (var (s, e) in curve) text.Append(string.Create(C, $"{torch.Problem} (vs torch),{label},{s:R},{e:R}\n"));
        return text.ToString();
    }

    /// <summary>One figure per problem: rel. L2 against training time, one line per optimizer (log-log).</summary>
    public static IReadOnlyList<string> Figures(string directory, IReadOnlyList<BenchResult> results, TorchComparison? torch)
    {
        var figures = new List<Figure>();
        foreach (var group in results.GroupBy(r => r.Case.Problem))
        {
            var study = new ConvergenceStudy($"{group.Key}: error against training time", "training time (s)", "rel. L2 error");
            foreach (var r in group)
                foreach (var (s, e) in r.Curve) study.Add(r.Case.Label, s, e);
            if (study.Rows.Any(p => p.Quantity > 0 && p.Error > 0 && double.IsFinite(p.Error)))
                figures.Add(ConvergenceFigure.Build(study, $"{Slug(group.Key)}-time", curves: true));
        }
        if (torch is not null)
        {
            var study = new ConvergenceStudy($"{torch.Problem}: toolkit vs PyTorch, same network, points and start", "training time (s)", "rel. L2 error");
            foreach (var (label, curve) in torch.Curves())
                foreach (var (s, e) in curve) study.Add(label, s, e);
            figures.Add(ConvergenceFigure.Build(study, "against-torch", curves: true));
        }
        return figures.Count == 0 ? [] : FigureWriter.Write(Path.Combine(directory, "results.h5"), figures);
    }

    private static string Seconds(double s) => double.IsNaN(s) ? "—" : s.ToString("F2", C);

    private static string Slug(string text) => new(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
