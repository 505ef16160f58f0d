using Pinn.Solver.Networks;

namespace Pinn.Solver.Singularity;

/// <summary>What one stage did.</summary>
/// <param name="Index">Stage number, from 1.</param>
/// <param name="Hidden">Hidden widths of its networks.</param>
/// <param name="Activation">Its activation.</param>
/// <param name="Scale">ε: the stage adds ε·y·t·N(t) (1 for stage 1).</param>
/// <param name="Frequency">Dominant frequency in t of the residual it was fitted to (NaN for stage 1; a diagnostic).</param>
/// <param name="Steps">Levenberg–Marquardt steps.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Lambda">λ after the stage (of the profile: a stage not kept leaves it unchanged).</param>
/// <param name="MaxResidual">max |R̃| of the profile on the validation grid after the stage.</param>
/// <param name="Stop">Why it ended.</param>
/// <param name="History">Per-step history.</param>
/// <param name="Residual">R̃ on the validation grid after the stage.</param>
/// <param name="Parameters">The final θ of its networks, concatenated in the order of <paramref name="Lengths"/>; null for a stage that was
/// not kept (it did not lower max|R̃|; <paramref name="MaxResidual"/>, <paramref name="Lambda"/> and <paramref name="Residual"/> are then those of the stages before it).</param>
/// <param name="Lengths">The lengths a of its components (each a function of the compact coordinate of y/a; [1] for stage 1).</param>
/// <param name="InputScale">κ: the network's input box is [½ − 1/κ, ½ + 1/κ] in its coordinate (2 for stage 1, whose box is [0, 1]).</param>
/// <param name="Basis">Its components' functions: "network 16,16 sin" or "chebyshev 120" (<see cref="IComponentFunction.Description"/>);
/// <paramref name="Hidden"/> is empty for a Chebyshev stage.</param>
public sealed record StageReport(int Index, int[] Hidden, Activation Activation, double Scale, double Frequency, int Steps,
    double Seconds, double Lambda, double MaxResidual, string Stop, IReadOnlyList<StageHistoryRow> History, double[] Residual,
    double[]? Parameters = null, double[]? Lengths = null, double InputScale = 2, string Basis = "network");
