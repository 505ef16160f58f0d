namespace Pinn.Physics;

/// <summary>
/// Random Fourier features φ(x̂) = [cos(2π B x̂), sin(2π B x̂)] of the normalised inputs x̂ ∈ [−1, 1]ᵈ, with
/// B [Count, d] drawn once from N(0, Scale²) by a generator seeded with <see cref="Seed"/>.
/// </summary>
/// <remarks>
/// M. Tancik et al., "Fourier features let networks learn high frequency functions in low dimensional
/// domains", NeurIPS 2020 (the Gaussian mapping); S. Wang, H. Wang, P. Perdikaris, "On the eigenvector bias
/// of Fourier feature networks", CMAME 384 (2021). Here B acts on x̂ ∈ [−1, 1]ᵈ (not [0, 1]ᵈ), so a given
/// σ means twice the frequency range of the papers' inputs. With a <see cref="PeriodicEmbedding"/> of the same
/// problem, B's entries along a periodic coordinate are rounded to whole multiples of the base frequency, so
/// every feature stays exactly periodic.
/// </remarks>
/// <param name="Scale">σ, the standard deviation of B's entries.</param>
/// <param name="Count">m, the number of frequencies (the embedding has 2m features).</param>
/// <param name="Seed">Seed of B's draw (stored with a run so that files and checkpoints rebuild the same network).</param>
public sealed record FourierFeatures(double Scale, int Count = FourierFeatures.DefaultCount, long Seed = 0) : InputEmbedding
{
    /// <summary>The default number of frequencies m.</summary>
    public const int DefaultCount = 64;

    /// <inheritdoc />
    public override void Validate(int dimension)
    {
        if (!(Scale > 0) || !double.IsFinite(Scale))
            throw new ArgumentOutOfRangeException(nameof(Scale), $"the Fourier feature scale σ must be finite and > 0 (got {Scale})");
        if (Count < 1 || Count > 100_000) throw new ArgumentOutOfRangeException(nameof(Count), $"the Fourier feature count must be in 1..100000 (got {Count})");
    }
}
