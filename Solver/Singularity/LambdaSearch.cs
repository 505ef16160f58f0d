namespace Pinn.Solver.Singularity;

/// <summary>
/// A safeguarded secant search for the root of a scalar function f(λ) whose evaluations are expensive
/// (here: the residual's Taylor coefficient of order 2m+1 at y = 0 after a Gauss–Newton solve with λ held fixed).
/// </summary>
/// <remarks>
/// Wang et al. 2025 ("Discovery of unstable singularities", §3) find the admissible λ of unstable profiles,
/// which gradient training of λ misses, by a secant search on the residual as a function of λ. Here: secant
/// steps λₖ₊₁ = λₖ − fₖ (λₖ − λₖ₋₁)/(fₖ − fₖ₋₁); once two values of opposite sign bracket the root, a secant
/// step that leaves the bracket is replaced by bisection (the bracket is kept up to date), so the search
/// cannot diverge once it has bracketed the root.
/// </remarks>
public static class LambdaSearch
{
    /// <summary>Searches from λ₀ and λ₁; stops after <paramref name="maxEvaluations"/> evaluations or when
    /// successive iterates differ by less than <paramref name="tolerance"/>. Returns the best λ (smallest |f|) and every evaluation.</summary>
    public static (double Lambda, List<(double Lambda, double Value)> Evaluations) Find(
        Func<double, double> f, double lambda0, double lambda1, int maxEvaluations, double tolerance)
    {
        var evaluations = new List<(double Lambda, double Value)>();
        double Eval(double l)
        {
            var v = f(l);
            evaluations.Add((l, v));
            return v;
        }
        double a = lambda0, fa = Eval(a);
        double b = lambda1, fb = Eval(b);
        double? lo = null, hi = null;   // bracket: f(lo) and f(hi) of opposite sign
        void Bracket()
        {
            var signChanges = evaluations.Where(e => double.IsFinite(e.Value)).ToList();
            var negatives = signChanges.Where(e => e.Value < 0).ToList();
            var positives = signChanges.Where(e => e.Value > 0).ToList();
            if (negatives.Count == 0 || positives.Count == 0) return;
            // The closest pair of opposite signs.
            var pair = negatives.SelectMany(n => positives.Select(p => (n, p))).OrderBy(q => Math.Abs(q.n.Lambda - q.p.Lambda)).First();
            (lo, hi) = (Math.Min(pair.n.Lambda, pair.p.Lambda), Math.Max(pair.n.Lambda, pair.p.Lambda));
        }
        Bracket();
        while (evaluations.Count < maxEvaluations && Math.Abs(b - a) > tolerance && fb != 0)
        {
            double next = fb != fa ? b - fb * (b - a) / (fb - fa) : double.NaN;
            if (lo is { } l && hi is { } h && !(next > l && next < h)) next = 0.5 * (l + h);
            if (!double.IsFinite(next) || next <= 0) next = 0.5 * (a + b);
            (a, fa) = (b, fb);
            b = next;
            fb = Eval(b);
            Bracket();
        }
        var best = evaluations.Where(e => double.IsFinite(e.Value)).OrderBy(e => Math.Abs(e.Value)).FirstOrDefault(evaluations[^1]);
        return (best.Lambda, evaluations);
    }
}
