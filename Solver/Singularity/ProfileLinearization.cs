using Pinn.Solver.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The residual rows of the Burgers profile problem and their exact Jacobian in the trainable stage's
/// parameters and in λ, from one jet pass and one backward pass per row type.
/// </summary>
/// <remarks>
/// Rows, all divided by the stage scale ε (so that a later stage, which fits a residual of size ε, still
/// trains on O(1) numbers): at each collocation point y the envelope-scaled residual R̃ = R·t^λ with
/// R = −λU + ((1+λ)y + U)U' (t^λ = (1 + y^{2m})^{−λ/(2m(1+λ))} ~ |y|^{−λ/(1+λ)} removes the far-field growth of R),
/// its derivatives w₁·√(1+y²)·R̃' and w₂·(1+y²)·R̃'' (residual-derivative terms of Wang et al. 2025, scaled
/// so that they stay O(1) as y → ∞), the normalisation rows w_c·(U'(0) + 1) and w_c·(U(−2) − 1), and w_o times
/// the first non-trivial Taylor coefficient of R at y = 0 (<see cref="OriginCoefficient"/>), where R itself is
/// O(y^{2m+1}) and so says little about λ.
/// Every row depends on one point only, so with each layer's channel inputs X and the sensitivities
/// δ = ∂(Σₙ vₙ)/∂Y of its outputs, row n of ∂v/∂W is Σ_c δ[c, n] ⊗ X[c, n] (see <see cref="ResidualJacobian"/>);
/// ∂vₙ/∂λ comes from the same backward pass with λ entered as a per-point vector λ·1 that requires grad.
/// </remarks>
public sealed class ProfileLinearization
{
    private readonly ProfileAnsatz _ansatz;
    private readonly IReadOnlyList<ProfileStage> _frozen;
    private readonly ProfileStage _trainable;
    private readonly ProfileWeights _weights;

    /// <summary>Rows for the ansatz with the given frozen stages and the trainable one.</summary>
    public ProfileLinearization(ProfileAnsatz ansatz, IReadOnlyList<ProfileStage> frozen, ProfileStage trainable, ProfileWeights weights)
    {
        _ansatz = ansatz;
        _frozen = frozen;
        _trainable = trainable;
        _weights = weights;
    }

    /// <summary>Rows per collocation point (value, first and second residual derivative).</summary>
    public const int RowsPerPoint = 3;

    /// <summary>Normalisation rows and the origin row.</summary>
    public const int ConditionRows = 3;

    /// <summary>The rows at collocation points <paramref name="y"/> [N] (order: all R̃, all R̃', all R̃'', conditions)
    /// and, when <paramref name="jacobian"/>, the Jacobian [M, P] or [M, P + 1] with λ's column last.</summary>
    public (Tensor Rows, Tensor? Jacobian) Evaluate(Tensor theta, double lambda, Tensor y, bool jacobian, bool lambdaColumn)
    {
        using var scope = NewDisposeScope();
        long n = y.shape[0];
        var points = cat([y, tensor(new[] { 0.0, -2.0 }, dtype: ScalarType.Float64)]);
        using var gradMode = jacobian ? enable_grad() : no_grad();
        var lambdaVector = full(n + 2, lambda, dtype: ScalarType.Float64);
        if (jacobian && lambdaColumn) lambdaVector.requires_grad_(true);
        var th = jacobian ? theta.detach().requires_grad_(true) : theta.detach();
        var taps = jacobian ? new List<LayerTap>() : null;
        var u = _ansatz.Profile(points, lambdaVector, 3, _frozen, _trainable, th, taps);
        var types = RowTypes(points, lambdaVector, u, n);
        var originLambda = full(1, lambda, dtype: ScalarType.Float64);
        if (jacobian && lambdaColumn) originLambda.requires_grad_(true);
        var originTaps = jacobian ? new List<LayerTap>() : null;
        var origin = OriginCoefficient(originLambda, th, originTaps) * (_weights.Origin / _trainable.Scale);
        var rows = cat([types[0][..(int)n], types[1][..(int)n], types[2][..(int)n], types[3][(int)n..], origin]);
        if (!jacobian) return (rows.MoveToOuterDisposeScope(), null);

        var blocks = new List<Tensor>(5);
        for (int k = 0; k < types.Length; k++)
        {
            var block = JacobianRows(types[k], taps!, lambdaColumn ? lambdaVector : null, n + 2);
            blocks.Add(k < 3 ? block[..(int)n] : block[(int)n..]);
        }
        blocks.Add(JacobianRows(origin, originTaps!, lambdaColumn ? originLambda : null, 1));
        var jac = cat(blocks.ToArray(), 0).detach();
        return (rows.detach().MoveToOuterDisposeScope(), jac.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The Taylor coefficient of R of order 2m+1 at y = 0. With tₐ = (1 + (y/a)^{2m})^{−q}, q = 1/(2m(1+λ)), the ansatz
    /// U = −y·t + Σₛ εₛ y·tₐₛ(1 − tₐₛ)Nₛ(tₐₛ) is U = A y + B y^{2m+1} + O(y^{4m+1}) with A = −1 and
    /// B = q(1 + Σₛ εₛNₛ(1)/aₛ^{2m}), so R = A(1 + A) y + B((2m+1)(1+λ) − λ + (2m+2)A) y^{2m+1} + …; for A = −1 the second
    /// coefficient is B(2mλ − 1): the analyticity condition at the origin that singles out λ = 1/(2m) unless B = 0.
    /// It is R^{(2m+1)}(0)/(2m+1)!, a consequence of R ≡ 0 evaluated exactly at y = 0, where the collocation rows
    /// R̃ = O(y^{2m+1}) are blind to it.
    /// </summary>
    public Tensor OriginCoefficient(Tensor lambda, Tensor? theta, List<LayerTap>? taps)
    {
        var point = new Jet(ones(1, dtype: ScalarType.Float64), ones(1, dtype: ScalarType.Float64));
        int m = _ansatz.FarPower;
        // A component adds ε·y·tₐ(1 − tₐ)N(tₐ) with 1 − tₐ = q (y/a)^{2m} + …: its y^{2m+1} coefficient is q ε N(1)/a^{2m}.
        Tensor Term(ProfileStage stage, Tensor? parameters, List<LayerTap>? record)
        {
            Tensor? sum = null;
            foreach (var (component, p) in stage.Split(parameters))
            {
                var part = component.Function.Run(record is null ? p.detach() : p, point, record)[0] * (stage.Scale / Math.Pow(component.Length, 2 * m));
                sum = sum is null ? part : sum + part;
            }
            return sum!;
        }
        var network = Term(_trainable, theta, taps);
        foreach (var stage in _frozen) network = network + Term(stage, null, null);
        var q = 1.0 / (2 * m * (1 + lambda));
        // U = A y + B y^{2m+1} + … with A = −1 and B = q(1 + Σ εₛNₛ(1)/aₛ^{2m}).
        var a = full_like(network, -1.0);
        var b = q * (1 + network);
        return b * ((2 * m + 1) * (1 + lambda) - lambda + (2 * m + 2) * a);
    }

    /// <summary>Rows [points, P (+1)] of ∂v/∂(θ, λ) of a pointwise quantity v [points] from its layer taps.</summary>
    private static Tensor JacobianRows(Tensor v, List<LayerTap> taps, Tensor? lambda, long points)
    {
        var inputs = taps.Select(tp => tp.Output).Concat(lambda is null ? [] : [lambda]).ToArray();
        var grads = autograd.grad([v.sum()], inputs, retain_graph: true, allow_unused: true);
        var columns = new List<Tensor>(2 * taps.Count + 1);
        for (int i = 0; i < taps.Count; i++)
        {
            var delta = grads[i] is { } g && !g.IsInvalid ? g : zeros_like(taps[i].Output);   // [C, N, out]
            var input = taps[i].Input;                                                         // [C, N, in]
            columns.Add(delta.permute(1, 2, 0).bmm(input.permute(1, 0, 2)).reshape(points, -1));
            columns.Add(delta[0]);
        }
        if (lambda is not null)
            columns.Add((grads[^1] is { } gl && !gl.IsInvalid ? gl : zeros(points, dtype: ScalarType.Float64)).unsqueeze(1));
        return cat(columns.ToArray(), 1);
    }

    /// <summary>The envelope-scaled residual R̃ = R·t^λ of a profile jet (order ≥ 1) at points y, as a jet one order lower.</summary>
    public static Jet ScaledResidual(ProfileAnsatz ansatz, Tensor y, Tensor lambda, Jet u)
    {
        int order = u.Order - 1;
        var coefficient = Jet.Variable(y, order).Scale(1 + lambda) + u.Truncate(order);
        var r = coefficient * u.Derivative() - u.Truncate(order).Scale(lambda);
        var weight = ansatz.Coordinate(y, lambda, order).Power(lambda);
        return r * weight;
    }

    private Tensor[] RowTypes(Tensor points, Tensor lambda, Jet u, long n)
    {
        var inverseScale = 1.0 / _trainable.Scale;
        var r = ScaledResidual(_ansatz, points, lambda, u);
        var stretch = points.square() + 1;
        var value = r[0] * inverseScale;
        var first = r[1] * stretch.sqrt() * (_weights.FirstDerivative * inverseScale);
        var second = r[2] * stretch * (_weights.SecondDerivative * inverseScale);
        // Conditions: U'(0) + 1 at point n, U(−2) − 1 at point n + 1; zero elsewhere.
        var mask = zeros_like(points);
        mask[n] = 1;
        var other = zeros_like(points);
        other[n + 1] = 1;
        var conditions = ((u[1] + 1) * mask + (u[0] - 1) * other) * (_weights.Conditions * inverseScale);
        return [value, first, second, conditions];
    }
}
