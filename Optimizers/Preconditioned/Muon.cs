using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Muon, "MomentUm Orthogonalized by Newton–Schulz": the momentum of each hidden weight matrix is replaced
/// by an approximately orthogonal matrix (its singular values pushed towards 1 by a quintic Newton–Schulz
/// iteration) before the step. The other parameters (vectors, the first and last weight) get Adam.
/// </summary>
/// <remarks>
/// K. Jordan, Y. Jin, V. Boza, J. You, F. Cesista, L. Newhouse, J. Bernstein, "Muon: An optimizer for hidden
/// layers in neural networks" (blog, 2024, kellerjordan.github.io/posts/muon; reference code
/// github.com/KellerJordan/Muon): B ← μ B + G; U = G + μ B (Nesterov) or B; X₀ = U / (‖U‖_F + 1e-7), working
/// on the wide orientation (Xᵀ when m &gt; n); five iterations Xₖ₊₁ = a Xₖ + (b A + c A²) Xₖ with A = Xₖ Xₖᵀ and
/// (a, b, c) = (3.4445, −4.7750, 2.0315); W ← W − α s X₅ with the scale s of <see cref="MuonScaling"/>. The
/// reference applies Muon to hidden weights only and AdamW to embeddings, heads and vectors; here the first
/// and last matrices of <see cref="IParameterShapes"/> play the embedding and the head (switch with
/// <see cref="MuonOptions.HiddenOnly"/>). A network with one hidden layer has no hidden-to-hidden weight, so
/// with the default it is trained by Adam alone. The default scaling is the one of J. Liu et al., "Muon is
/// Scalable for LLM Training", arXiv 2502.16982 (2025), which lets Muon share Adam's learning rate. One step
/// costs one gradient evaluation. The checkpoint state is the step count, the shapes, the momentum buffer
/// and Adam's moments.
/// </remarks>
public sealed class Muon : FirstOrderOptimizer
{
    private const double A = 3.4445, B = -4.7750, C = 2.0315;
    private LayerwiseState? _state;
    private bool[] _orthogonalised = [];

    /// <summary>Creates Muon with the given (or default) options.</summary>
    public Muon(MuonOptions? options = null)
        : base("muon")
    {
        Options = options ?? new MuonOptions();
        Options.Validate();
    }

    /// <summary>The hyper-parameters.</summary>
    public MuonOptions Options { get; }

    /// <summary>
    /// The quintic Newton–Schulz iteration of Jordan et al. on <paramref name="matrix"/> [m, n] normalised
    /// by its Frobenius norm: U Σ Vᵀ ↦ U φ(Σ) Vᵀ with φ the scalar map s ↦ a s + b s³ + c s⁵ applied
    /// <paramref name="steps"/> times, which takes singular values in (0, 1] to about [0.7, 1.2].
    /// </summary>
    public static Tensor Orthogonalize(Tensor matrix, int steps = 5)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.dim() != 2) throw new ArgumentException($"Orthogonalize needs a matrix; got shape {ThetaChecks.Shape(matrix)}.", nameof(matrix));
        using var scope = torch.NewDisposeScope();
        var tall = matrix.shape[0] > matrix.shape[1];
        var x = (tall ? matrix.t() : matrix).div(torch.linalg.norm(matrix).add(1e-7));
        for (var k = 0; k < steps; k++)
        {
            var gram = x.matmul(x.t());
            var polynomial = gram.mul(B).add_(gram.matmul(gram), C);
            x = x.mul(A).add_(polynomial.matmul(x));
        }
        return (tall ? x.t() : x).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>The scale s of the orthogonalised update of an [m, n] matrix under <paramref name="scaling"/>.</summary>
    public static double Scale(MuonScaling scaling, long rows, long columns) => scaling switch
    {
        MuonScaling.Shape => Math.Sqrt(Math.Max(1.0, (double)rows / columns)),
        _ => 0.2 * Math.Sqrt(Math.Max(rows, columns)),
    };

    /// <inheritdoc />
    protected override void EnsureState(IObjective objective, Tensor theta)
    {
        if (_state is null) _state = LayerwiseState.Create(objective, theta, _ => false, 0, momentum: true);
        else _state.Check(objective, theta);
        _orthogonalised = Select(_state.Layout.Shapes, Options.HiddenOnly);
    }

    /// <inheritdoc />
    protected override void Update(Tensor theta, Tensor gradient, long step)
    {
        var o = Options;
        var state = _state!;
        for (var i = 0; i < state.Layout.Shapes.Count; i++)
        {
            var shape = state.Layout.Shapes[i];
            var parameters = ParameterLayout.View(theta, shape);
            var g = ParameterLayout.View(gradient, shape);
            if (_orthogonalised[i])
            {
                var direction = Sgd.MomentumDirection(ParameterLayout.View(state.Momentum!, shape), g, o.Momentum, o.Nesterov);
                parameters.add_(Orthogonalize(direction, o.NewtonSchulzSteps), -o.LearningRate * Scale(o.Scaling, shape.Rows, shape.Columns));
            }
            else
            {
                var m = ParameterLayout.View(state.Moments.First, shape);
                var v = ParameterLayout.View(state.Moments.Second, shape);
                MomentEstimates.Accumulate(m, v, g, o.Beta1, o.Beta2);
                MomentEstimates.ApplyAdamStep(parameters, m, v, step, o.LearningRate, o.Beta1, o.Beta2, o.Epsilon);
            }
        }
    }

    /// <summary>Which shapes Muon orthogonalises: matrices, except the first and last when <paramref name="hiddenOnly"/>.</summary>
    private static bool[] Select(IReadOnlyList<ParameterShape> shapes, bool hiddenOnly)
    {
        var matrices = Enumerable.Range(0, shapes.Count).Where(i => !shapes[i].IsVector).ToList();
        var selected = new bool[shapes.Count];
        for (var k = 0; k < matrices.Count; k++)
        {
            selected[matrices[k]] = !hiddenOnly || (k > 0 && k < matrices.Count - 1);
        }
        return selected;
    }

    /// <inheritdoc />
    protected override void SaveTensors(OptimizerState state) => _state?.Save(state);

    /// <inheritdoc />
    protected override void LoadTensors(OptimizerState state) => _state = LayerwiseState.Load(state, 0);

    /// <inheritdoc />
    protected override void ReleaseState()
    {
        _state?.Dispose();
        _state = null;
    }
}
