using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Randomized Nyström approximation Â = U diag(Λ̂) Uᵀ of rank ℓ of a symmetric positive semi-definite
/// operator A [P, P] (e.g. the Gauss–Newton matrix JᵀJ applied matrix-free as Jᵀ(J v)), built from ℓ
/// products with A and never forming a P×P matrix; and the Nyström preconditioner of A + μI.
/// </summary>
/// <remarks>
/// J. A. Tropp, A. Yurtsever, M. Udell and V. Cevher, "Fixed-rank approximation of a positive-semidefinite
/// matrix from streaming data", NeurIPS 2017, Algorithm 3; Z. Frangella, J. A. Tropp and M. Udell,
/// "Randomized Nyström preconditioning", SIAM J. Matrix Anal. Appl. 44 (2023), Algorithm 2.1:
/// Ω = qr(Gaussian [P, ℓ]).Q, Y = AΩ, shift ν = √P·ε·‖Y‖_F (the Frobenius norm, an upper bound of the
/// spectral norm, so the shift is on the safe side), Y_ν = Y + νΩ, C = chol(ΩᵀY_ν) (lower, ΩᵀY_ν = CCᵀ),
/// B = Y_ν C⁻ᵀ by a triangular solve, thin SVD B = U Σ Vᵀ, Λ̂ = max(0, Σ² − ν).
/// The Gaussian sketch is drawn column by column, column j from a generator seeded with (<c>seed</c>, j), so
/// sketches of one seed are nested: the first k columns of the rank-2k sketch are the rank-k sketch, and
/// since the Nyström approximation A^½ Π A^½ (Π the orthogonal projector onto range(A^½Ω)) only improves
/// when range(Ω) grows, ‖A − Â‖ (spectral or Frobenius) does not increase with ℓ up to round-off.
/// Costs: ℓ products with A, O(Pℓ²) flops and O(Pℓ) memory. The rank is capped at P.
/// </remarks>
public sealed class NystromApproximation : IDisposable
{
    private bool _disposed;

    private NystromApproximation(Tensor basis, Tensor eigenvalues, double shift)
    {
        Basis = basis;
        Eigenvalues = eigenvalues;
        Shift = shift;
    }

    /// <summary>U, [P, ℓ] with orthonormal columns (owned by this object).</summary>
    public Tensor Basis { get; }

    /// <summary>Λ̂ ≥ 0, [ℓ], descending (owned by this object).</summary>
    public Tensor Eigenvalues { get; }

    /// <summary>The stabilising shift ν that was used.</summary>
    public double Shift { get; }

    /// <summary>The rank ℓ.</summary>
    public long Rank => Eigenvalues.shape[0];

    /// <summary>P, the size of the approximated operator.</summary>
    public long Size => Basis.shape[0];

    /// <summary>λ̂_ℓ, the smallest kept eigenvalue (0 when the rank is 0).</summary>
    public double SmallestEigenvalue => Rank == 0 ? 0 : Eigenvalues[Rank - 1].item<double>();

    /// <summary>Writes U, Λ̂ and ν under <paramref name="prefix"/> (for checkpoints).</summary>
    public void Save(OptimizerState state, string prefix)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(state);
        state.Set($"{prefix}.basis", Basis).Set($"{prefix}.eigenvalues", Eigenvalues).Set($"{prefix}.shift", Shift);
    }

    /// <summary>The approximation saved by <see cref="Save"/>, or null when none was saved.</summary>
    public static NystromApproximation? Load(OptimizerState state, string prefix)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Has($"{prefix}.basis")) return null;
        var basis = state.Tensor($"{prefix}.basis");
        var eigenvalues = state.Tensor($"{prefix}.eigenvalues");
        if (basis.dim() != 2 || eigenvalues.dim() != 1 || basis.shape[1] != eigenvalues.shape[0])
        {
            basis.Dispose();
            eigenvalues.Dispose();
            throw new InvalidDataException("the saved Nyström approximation is inconsistent (basis [P, ℓ] and ℓ eigenvalues expected).");
        }
        return new NystromApproximation(basis.DetachFromDisposeScope(), eigenvalues.DetachFromDisposeScope(), state.Number($"{prefix}.shift"));
    }

    /// <summary>Builds the rank-<paramref name="rank"/> approximation of the PSD operator <paramref name="matrix"/>.</summary>
    /// <param name="matrix">A, square [P, P], symmetric positive semi-definite.</param>
    /// <param name="rank">ℓ ≥ 1 (capped at P).</param>
    /// <param name="seed">Seed of the Gaussian sketch.</param>
    /// <param name="device">Device of the sketch (that of A's tensors); CPU when null.</param>
    /// <exception cref="ArgumentException">A is not square.</exception>
    /// <exception cref="ArgumentOutOfRangeException">ℓ &lt; 1.</exception>
    /// <param name="allowIndefinite">For a symmetric operator that may be indefinite (a Hessian): when the
    /// Cholesky factorisation of ΩᵀY_ν fails, ν is raised once by 2|λ_min(ΩᵀY_ν)| (the eigenvalue shift of the
    /// NNCG reference implementation of Rathore et al. 2024), which approximates the positive part of A on the
    /// sketched subspace; Λ̂ = max(0, σ² − ν) as before. False: the PSD algorithm unchanged.</param>
    /// <exception cref="ArithmeticException">ΩᵀY_ν is not positive definite even after raising ν (A is
    /// indefinite) or A Ω is not finite.</exception>
    public static NystromApproximation Build(ILinearOperator matrix, int rank, long seed = 0, Device? device = null, bool allowIndefinite = false)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rows != matrix.Columns || matrix.Rows < 1)
        {
            throw new ArgumentException($"a Nyström approximation needs a square, non-empty operator; got [{matrix.Rows}, {matrix.Columns}].", nameof(matrix));
        }
        Check.Positive(rank, nameof(rank));
        var size = matrix.Rows;
        var ell = Math.Min(rank, size);

        using var scope = torch.NewDisposeScope();
        var (sketch, _) = torch.linalg.qr(Gaussian(size, ell, seed, device));
        var image = matrix.Apply(sketch);
        if (image.dim() != 2 || image.shape[0] != size || image.shape[1] != ell)
        {
            throw new ArgumentException($"the operator returned shape {ThetaChecks.Shape(image)} for a [{size}, {ell}] block.", nameof(matrix));
        }
        if (!SymmetricSolve.AllFinite(image))
        {
            throw new ArithmeticException("the products A Ω of the Nyström sketch are not finite.");
        }
        var norm = torch.linalg.norm(image).item<double>();
        if (norm == 0)
        {
            // A Ω = 0: Â = 0 on the sketched subspace; any orthonormal basis with zero eigenvalues.
            return Keep(sketch, torch.zeros(ell, dtype: ScalarType.Float64, device: sketch.device), 0);
        }
        var shift = Math.Sqrt(size) * VectorMath.MachineEpsilon * norm;
        var spectralShiftTried = !allowIndefinite;
        for (var attempt = 0; attempt < 8; attempt++, shift *= 100)
        {
            using var tryScope = torch.NewDisposeScope();
            var shifted = image.add(sketch, shift);
            var core = sketch.t().matmul(shifted);
            core = core.add(core.t()).mul_(0.5);
            var (factor, info) = torch.linalg.cholesky_ex(core);
            if (info.item<int>() != 0)
            {
                if (!spectralShiftTried)
                {
                    spectralShiftTried = true;
                    var lowest = torch.linalg.eigvalsh(core).min().item<double>();
                    if (lowest < 0 && double.IsFinite(lowest))
                    {
                        shift = (shift - 2 * lowest) / 100;   // the loop's ×100 follows
                    }
                }
                continue;
            }
            // B = Y_ν C⁻ᵀ, i.e. B Cᵀ = Y_ν with Cᵀ upper triangular.
            var b = torch.linalg.solve_triangular(factor.t(), shifted, upper: true, left: false);
            var (u, singular, _) = torch.linalg.svd(b, fullMatrices: false);
            var eigenvalues = singular.square().sub_(shift).clamp_min_(0);
            if (!SymmetricSolve.AllFinite(u) || !SymmetricSolve.AllFinite(eigenvalues))
            {
                continue;
            }
            return Keep(u, eigenvalues, shift);
        }
        throw new ArithmeticException($"the Nyström core ΩᵀAΩ + νI is not positive definite even with ν = {shift / 100:G3}: the operator is not positive semi-definite.");
    }

    /// <summary>
    /// The Gaussian test matrix Ω [P, ℓ]. One generator per column: libtorch fills large normal tensors in vectorised
    /// blocks, so a [ℓ, P] draw is not a prefix of a [2ℓ, P] draw; per-column seeds make sketches of one seed nested.
    /// </summary>
    private static Tensor Gaussian(long size, long ell, long seed, Device? device)
    {
        var columns = new Tensor[ell];
        for (var j = 0; j < ell; j++)
        {
            using var generator = new Generator(unchecked((ulong)seed * 1_000_003UL + (ulong)j));
            columns[j] = torch.randn(size, dtype: ScalarType.Float64, generator: generator);
        }
        var gaussian = torch.stack(columns, 1);
        return device is null ? gaussian : gaussian.to(device);
    }

    /// <summary>Â v = U Λ̂ Uᵀ v for v [P] or a block [P, k]; a fresh tensor.</summary>
    public Tensor Apply(Tensor v)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        LinearOperator.CheckOperand(v, Size, Basis, nameof(v));
        using var scope = torch.NewDisposeScope();
        var coefficients = Basis.t().matmul(v);
        var scaled = v.dim() == 1 ? coefficients.mul_(Eigenvalues) : coefficients.mul_(Eigenvalues.unsqueeze(1));
        return Basis.matmul(scaled).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The Nyström preconditioner of A + μI, P⁻¹ = (λ̂_ℓ + μ) U (Λ̂ + μI)⁻¹ Uᵀ + (I − UUᵀ) (Frangella, Tropp and
    /// Udell 2023, eq. (5.3)): symmetric positive definite, applied in O(Pℓ). It refers to this object's
    /// tensors: keep this object alive (undisposed) while the operator is used.
    /// </summary>
    /// <param name="shift">μ &gt; 0 (the damping of the system that is preconditioned).</param>
    public ILinearOperator Preconditioner(double shift)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Check.Positive(shift, nameof(shift));
        return new PreconditionerOperator(this, shift);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Basis.Dispose();
        Eigenvalues.Dispose();
    }

    /// <summary>
    /// An approximation from saved factors (a checkpoint): copies of <paramref name="basis"/> U [P, ℓ] and
    /// <paramref name="eigenvalues"/> Λ̂ [ℓ] as returned by <see cref="Basis"/> and <see cref="Eigenvalues"/>.
    /// </summary>
    public static NystromApproximation Restore(Tensor basis, Tensor eigenvalues, double shift)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(eigenvalues);
        if (basis.dim() != 2 || eigenvalues.dim() != 1 || basis.shape[1] != eigenvalues.shape[0]
            || basis.dtype != ScalarType.Float64 || eigenvalues.dtype != ScalarType.Float64)
        {
            throw new ArgumentException(
                $"a Nyström approximation needs a float64 basis [P, ℓ] and eigenvalues [ℓ]; got {ThetaChecks.Shape(basis)} and {ThetaChecks.Shape(eigenvalues)}.",
                nameof(basis));
        }
        using var scope = torch.NewDisposeScope();
        return Keep(basis.clone(), eigenvalues.to(basis.device).clone(), shift);
    }

    private static NystromApproximation Keep(Tensor basis, Tensor eigenvalues, double shift) =>
        new(basis.detach().contiguous().DetachFromDisposeScope(), eigenvalues.detach().contiguous().DetachFromDisposeScope(), shift);

    private sealed class PreconditionerOperator(NystromApproximation approximation, double shift) : ILinearOperator
    {
        public long Rows => approximation.Size;

        public long Columns => approximation.Size;

        public Tensor Apply(Tensor v)
        {
            ObjectDisposedException.ThrowIf(approximation._disposed, approximation);
            var basis = approximation.Basis;
            LinearOperator.CheckOperand(v, Rows, basis, nameof(v));
            using var scope = torch.NewDisposeScope();
            var coefficients = basis.t().matmul(v);
            var weights = approximation.Eigenvalues.add(shift).reciprocal_().mul_(approximation.SmallestEigenvalue + shift).sub_(1);
            var scaled = v.dim() == 1 ? coefficients.mul_(weights) : coefficients.mul_(weights.unsqueeze(1));
            // v + U ((λ̂_ℓ + μ)/(Λ̂ + μ) − 1) Uᵀv
            return basis.matmul(scaled).add_(v).MoveToOuterDisposeScope();
        }

        public Tensor ApplyAdjoint(Tensor u) => Apply(u);

        public Tensor ToDense()
        {
            using var scope = torch.NewDisposeScope();
            var identity = torch.eye(Rows, dtype: ScalarType.Float64, device: approximation.Basis.device);
            return Apply(identity).MoveToOuterDisposeScope();
        }
    }
}
