using System.Globalization;
using System.Text;

namespace Pinn.Solver.Bench;

/// <summary>
/// The side-by-side run of <c>pinn bench --against-torch</c>: the PyTorch reference and the toolkit on the same
/// problem, network, initial θ, points and Adam → L-BFGS schedule, plus the toolkit's second-order optimizers
/// on the same network, all single-threaded and under the same budget.
/// </summary>
public sealed record TorchComparison(string Problem, string Setup, TorchResult Torch, BenchResult Ours, IReadOnlyList<BenchResult> SecondOrder)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The BLAS of this process, where the toolkit's side ran.</summary>
    public BlasLibrary OurBlas { get; init; } = BlasLibrary.Toolkit();

    /// <summary>Why the comparison is not fair (the PyTorch side not on an optimized one-thread BLAS), or null.</summary>
    public string? Unfair => Torch.Blas.Unfair();

    /// <summary>Toolkit Adam time per step (ms), from the Adam phase's history.</summary>
    public double OurAdamMsPerStep => Ours.AdamMsPerStep;

    /// <summary>The fastest second-order result to rel. L2 1e-3, if any reached it.</summary>
    public BenchResult? BestSecondOrder => SecondOrder.Where(r => !double.IsNaN(r.TimeTo1e3)).MinBy(r => r.TimeTo1e3)
        ?? SecondOrder.Where(r => double.IsFinite(r.RelativeL2)).MinBy(r => r.RelativeL2);

    /// <summary>All curves with their labels.</summary>
    public IEnumerable<(string Label, IReadOnlyList<(double Seconds, double RelativeL2)> Curve)> Curves()
    {
        yield return ($"PyTorch {Torch.TorchVersion} adam→lbfgs", Torch.Curve);
        yield return ("toolkit adam→lbfgs", Ours.Curve);
        foreach (var r in SecondOrder) yield return ($"toolkit {r.Case.Label}", r.Curve);
    }

    /// <summary>The comparison section of results.md.</summary>
    public string Markdown()
    {
        var t = new StringBuilder();
        t.AppendLine();
        t.AppendLine($"## Against PyTorch ({Problem})");
        t.AppendLine();
        t.AppendLine($"{Setup} Both sides start from the same θ (exported by the toolkit) on the same points, one thread each; the PyTorch side is `benchmarks/reference/pinn_torch.py` (float64, nested autograd, torch.optim.Adam then torch.optim.LBFGS with strong Wolfe, history 100, float64 tolerances) run by Debian's python3-torch {Torch.TorchVersion}.");
        t.AppendLine();
        t.AppendLine($"BLAS loaded: PyTorch side {Torch.Blas}; toolkit {OurBlas}.");
        t.AppendLine();
        t.AppendLine("| run | ms per Adam step | time to rel. L2 1e-3 (s) | rel. L2 at the budget | steps |");
        t.AppendLine("|---|---:|---:|---:|---:|");
        t.AppendLine(string.Create(C, $"| PyTorch adam→lbfgs | {Torch.AdamMsPerStep:F2} | {S(Torch.TimeTo1e3)} | {Torch.RelativeL2:E2} | {Torch.Steps} |"));
        t.AppendLine(string.Create(C, $"| toolkit adam→lbfgs | {OurAdamMsPerStep:F2} | {S(Ours.TimeTo1e3)} | {Ours.RelativeL2:E2} | {Ours.Steps} |"));
        foreach (var r in SecondOrder)
            t.AppendLine(r.Failure is null
                ? string.Create(C, $"| toolkit {r.Case.Label} | — | {S(r.TimeTo1e3)} | {r.RelativeL2:E2} | {r.Steps} |")
                : $"| toolkit {r.Case.Label} | failed: {r.Failure} | | | |");
        t.AppendLine();
        if (Unfair is { } reason)
        {
            t.AppendLine($"No ratios: {reason}.");
            return t.ToString();
        }
        t.AppendLine("Ratios (PyTorch ÷ toolkit; above 1 means the toolkit is faster or more accurate):");
        t.AppendLine();
        t.AppendLine(string.Create(C, $"- time per Adam step: **{Torch.AdamMsPerStep / OurAdamMsPerStep:F1}×** ({Torch.AdamMsPerStep:F2} ms vs {OurAdamMsPerStep:F2} ms)"));
        t.AppendLine($"- time to rel. L2 1e-3, Adam→L-BFGS on both sides: **{Ratio(Torch.TimeTo1e3, Ours.TimeTo1e3)}**");
        if (BestSecondOrder is { } best)
            t.AppendLine($"- time to rel. L2 1e-3, PyTorch Adam→L-BFGS vs the toolkit's {best.Case.Label}: **{Ratio(Torch.TimeTo1e3, best.TimeTo1e3)}**");
        t.AppendLine(string.Create(C, $"- error at equal wall time (the budget), Adam→L-BFGS: **{Torch.RelativeL2 / Ours.RelativeL2:G3}×** ({Torch.RelativeL2:E2} vs {Ours.RelativeL2:E2})"));
        if (BestSecondOrder is { } b2)
            t.AppendLine(string.Create(C, $"- error at equal wall time, PyTorch Adam→L-BFGS vs the toolkit's {b2.Case.Label}: **{Torch.RelativeL2 / b2.RelativeL2:G3}×**"));
        return t.ToString();
    }

    private static string S(double s) => double.IsNaN(s) ? "not reached" : s.ToString("F2", C);

    private static string Ratio(double torch, double ours) =>
        double.IsNaN(ours) ? "toolkit did not reach it" : double.IsNaN(torch) ? "PyTorch did not reach it within the budget" : (torch / ours).ToString("F1", C) + "×";
}
