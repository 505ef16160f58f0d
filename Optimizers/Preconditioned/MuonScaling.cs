namespace Pinn.Optimizers;

/// <summary>How <see cref="Muon"/> scales the orthogonalised update O of an [m, n] matrix.</summary>
public enum MuonScaling
{
    /// <summary>
    /// 0.2·√max(m, n)·O, which gives the update the root-mean-square size of a typical Adam update, so
    /// that Muon and Adam share one learning rate (J. Liu et al., "Muon is Scalable for LLM Training",
    /// arXiv 2502.16982, 2025, §2.2). Command-line word <c>adam</c>.
    /// </summary>
    MatchAdam,

    /// <summary>√max(1, m/n)·O, the reference implementation's scaling (K. Jordan et al. 2024). Word <c>shape</c>.</summary>
    Shape,
}
