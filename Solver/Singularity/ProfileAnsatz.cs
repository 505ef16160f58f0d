using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The ansatz of a self-similar profile on the whole line: U(y) = −y·t + Σₛ εₛ Σ_c y·tₐ(1 − tₐ)·Nₛ,c(tₐ) with the
/// compactified coordinate tₐ = (1 + (y/a)^{2m})^{−1/(2m(1+λ))} ∈ (0, 1] of y/a (t = t₁) and networks Nₛ,c of tₐ, a the length of
/// component c of stage s (stage 1: one component, a = 1, ε₁ = 1, so U = y·t·(−1 + (1 − t)N₁(t))).
/// </summary>
/// <remarks>
/// The factor −1 + (1 − t)(…) makes U'(0) = −1 exact (t = 1 at y = 0), so that no stage can trade an error in U'(0)
/// against one in λ. The factor y·t = y(1 + y^{2m})^{−1/(2m(1+λ))} is the envelope: it makes U odd, U(0) = 0, and gives the
/// far-field growth |U| ~ |y|^{λ/(1+λ)} of the Burgers profiles (Wang et al. 2025, "Discovery of unstable
/// singularities", §2: compactified coordinates and envelopes that build in symmetry and asymptotics).
/// With m = i + 1 on branch i the exact profile is y·t·N(t) with N analytic on [0, 1]: writing U = −y g,
/// the relation y = −U − U^{2i+3} reads 1 = g + y^{2i+2} g^{2i+3}, so t = g (g^{2i+3} + 1 − g)^{−1/(2i+3)} is
/// an analytic, invertible function of g and −g/t = −(g^{2i+3} + 1 − g)^{1/(2i+3)} (= −1 at t = 1) is analytic in t; no
/// singular behaviour is left for the network to learn at y = 0 or at infinity. The whole line is the
/// compact interval ζ = sign(y)(1 − t) ∈ (−1, 1). Every component keeps these properties (each is odd, O(y^{2m+1}) at the
/// origin and grows like |y|^{λ/(1+λ)}); a length a &lt; 1 spreads the neighbourhood of the origin over more of tₐ, which
/// the corrections of later stages need (see <see cref="ProfileSolver"/>).
/// </remarks>
public sealed class ProfileAnsatz
{
    /// <summary>The ansatz with far-field power m (t = (1 + y^{2m})^{−1/(2m(1+λ))}).</summary>
    public ProfileAnsatz(int farPower)
    {
        if (farPower < 1 || farPower > 50) throw new ArgumentOutOfRangeException(nameof(farPower), farPower, "the far-field power m must be in 1..50");
        FarPower = farPower;
    }

    /// <summary>m.</summary>
    public int FarPower { get; }

    /// <summary>The compactified coordinate t(y/a) as a jet of <paramref name="order"/> along y (λ a scalar or per-point tensor, a &gt; 0 the length).</summary>
    public Jet Coordinate(Tensor y, Tensor lambda, int order, double length = 1)
    {
        int p = 2 * FarPower;
        var s = new Tensor[order + 1];
        var x = length == 1 ? y : y / length;
        double coefficient = 1;
        for (int k = 0; k <= order; k++)
        {
            s[k] = coefficient == 0 ? zeros_like(y) : coefficient * Math.Pow(length, -k) * x.pow(p - k);
            coefficient *= p - k;
        }
        s[0] = s[0] + 1;
        var exponent = -1.0 / (p * (1 + lambda));
        return new Jet(s).Power(exponent);
    }

    /// <summary>y(t) ≥ 0 for t ∈ (0, 1]: the inverse of the compactification t(y/a) on the positive half-line.</summary>
    public double FromCoordinate(double t, double lambda, double length = 1)
    {
        int p = 2 * FarPower;
        return length * Math.Pow(Math.Max(Math.Pow(t, -p * (1 + lambda)) - 1, 0), 1.0 / p);
    }

    /// <summary>y(ζ) for ζ = sign(y)(1 − t) ∈ (−1, 1).</summary>
    public double FromCompact(double zeta, double lambda) => Math.Sign(zeta) * FromCoordinate(1 - Math.Abs(zeta), lambda);

    /// <summary>
    /// U as a jet along y at points <paramref name="y"/>: the frozen stages at their stored parameters plus,
    /// when <paramref name="trainable"/> is given, the last stage at the parameters <paramref name="theta"/>
    /// (its layer taps recorded in <paramref name="taps"/>).
    /// </summary>
    public Jet Profile(Tensor y, Tensor lambda, int order, IReadOnlyList<ProfileStage> frozen,
        ProfileStage? trainable, Tensor? theta, List<Engine.LayerTap>? taps)
    {
        if (frozen.Count == 0 && trainable is null) throw new ArgumentException("the profile needs at least one stage");
        var variable = Jet.Variable(y, order);
        var coordinates = new Dictionary<double, Jet>();
        Jet At(double length) => coordinates.TryGetValue(length, out var c) ? c : coordinates[length] = Coordinate(y, lambda, order, length);
        var t = At(1);
        var sum = (variable * t).Scale(-1.0);
        Jet Term(ProfileStage stage, Tensor? parameters, List<Engine.LayerTap>? record)
        {
            Jet? term = null;
            foreach (var (component, p) in stage.Split(parameters))
            {
                var ts = At(component.Length);
                var part = variable * ts * OneMinus(ts) * component.Function.Run(record is null ? p.detach() : p, ts, record);
                term = term is null ? part : term + part;
            }
            return term!.Scale(stage.Scale);
        }
        foreach (var stage in frozen) sum = sum + Term(stage, null, null);
        if (trainable is not null) sum = sum + Term(trainable, theta, taps);
        return sum;
    }

    /// <summary>The jet of 1 − t.</summary>
    public static Jet OneMinus(Jet t) => new(Enumerable.Range(0, t.Order + 1).Select(k => k == 0 ? 1 - t[0] : -t[k]).ToArray());
}
