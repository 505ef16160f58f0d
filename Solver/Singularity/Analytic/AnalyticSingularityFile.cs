using PureHDF;
using Pinn.Verification;

namespace Pinn.Solver.Singularity;

/// <summary>
/// Writes an analytic profile search to HDF5 with the checksummed datasets, provenance and atomic write of the toolkit's
/// results files (<see cref="ChecksummedFile"/>): every dataset has the attribute <c>sha256</c>.
/// </summary>
/// <remarks>
/// Layout (format "pinn-singularity-analytic", version 1):
/// <code>
/// /                      attributes format, format_version, problem, description, branch, lambda, lambda_reference,
///                        lambda_reference_source, lambda_error, max_residual, max_residual_definition, hilbert_check,
///                        seconds, options, verified, not_verified
/// /validation/zeta, /validation/y, /validation/residual, /validation/profile, /validation/partner   float64 [K]
/// /search/lambda, /search/origin_coefficient                        float64 [S] (the secant search's fixed-λ fits)
/// /stages/stageK          attributes powers, modes, length, scale, steps, seconds, lambda, max_residual, stop
/// /stages/stageK/coefficients                                      float64 [J·K] cⱼₖ (index j·K + k) of the basis u^γⱼ ζᵏ
/// /stages/stageK/residual                                          float64 [K]   R̃ on the validation grid after stage K
/// /stages/stageK/history/{step,seconds,loss,lambda,damping,max_residual}   per Levenberg–Marquardt step (max_residual NaN)
/// /provenance            attributes toolkit_version, torchsharp_version, dotnet_version, os, machine, date, device, command_line
/// </code>
/// The profile is F = Σₛ scaleₛ Σ cⱼₖ u^((j−λ)/(1+λ)) ζᵏ with u = 1/(1 − iy/L), ζ = 1 − 2u; f = Re F (even profile,
/// g = Im F = Hf) or f = Im F (odd profile), as <c>description</c> states.
/// </remarks>
public static class AnalyticSingularityFile
{
    /// <summary>What the numbers establish, stored in every file.</summary>
    public const string Verified =
        "max_residual: the profile equation's residual, evaluated in float64 from the stored coefficients, on the validation grid covering the whole line; " +
        "the Hilbert partner is exact for the ansatz (Im F = H[Re F] for F analytic in the upper half-plane) and hilbert_check compares it with an FFT transform; " +
        "lambda is the root of the smoothness indicator found by the search, trained jointly with the profile";

    /// <summary>What they do not.</summary>
    public const string NotVerified =
        "no interval arithmetic: the residual between validation points and beyond the largest |y| sampled is not bounded rigorously; " +
        "uniqueness of the profile, its stability class (number of unstable directions) and the literature's branch numbering are not checked; " +
        "lambda_error is measured against a literature value, not a proof";

    /// <summary>Writes the file.</summary>
    public static void Write(string path, AnalyticProfileResult r, AnalyticSingularityOptions options, IReadOnlyList<string> commandLine)
    {
        var file = new H5File();
        file.Attributes["format"] = "pinn-singularity-analytic";
        file.Attributes["format_version"] = 1L;
        file.Attributes["problem"] = r.Equation;
        file.Attributes["branch"] = (long)r.Branch;
        file.Attributes["lambda"] = r.Lambda;
        file.Attributes["lambda_reference"] = r.ReferenceLambda;
        file.Attributes["lambda_error"] = r.LambdaError;
        file.Attributes["max_residual"] = r.MaxResidual;
        file.Attributes["max_residual_definition"] = AnalyticProfileResult.ResidualDefinition;
        file.Attributes["hilbert_check"] = r.HilbertCheck;
        file.Attributes["seconds"] = r.Seconds;
        file.Attributes["options"] = $"branch={options.Branch} stages={options.Stages} powers={string.Join(',', options.Powers)} modes={string.Join(',', options.Modes)} " +
            $"length={options.Length:R} points={options.Points} search={options.Search} search_steps={options.SearchSteps} max_steps={options.MaxSteps} " +
            $"patience={options.Patience} weights={options.Weights} validation_points={options.ValidationPoints} lambda0={options.InitialLambda} " +
            $"regular={options.Regular} far_modes={(options.FarModes is { } fm ? string.Join(',', fm) : "")} far_length={options.FarLength:R} local={options.Local} " +
            $"start_steps={options.StartSteps} start_ridge={options.StartRidge:R} far_points={options.FarPoints} " +
            $"refinements={string.Join(',', (options.Refinements ?? []).Select(b => b is null ? "main" : $"{b.Powers}:{b.Modes}:{b.FarModes}:{b.Length:R}"))}";
        file.Attributes["verified"] = Verified;
        file.Attributes["not_verified"] = NotVerified;
        file["validation"] = new H5Group
        {
            ["zeta"] = ChecksummedFile.Dataset(r.Zeta), ["y"] = ChecksummedFile.Dataset(r.GridY), ["residual"] = ChecksummedFile.Dataset(r.Residual),
            ["profile"] = ChecksummedFile.Dataset(r.Profile), ["partner"] = ChecksummedFile.Dataset(r.Partner),
        };
        file["search"] = new H5Group
        {
            ["lambda"] = ChecksummedFile.Dataset(r.Search.Select(e => e.Lambda).ToArray()),
            ["origin_coefficient"] = ChecksummedFile.Dataset(r.Search.Select(e => e.Value).ToArray()),
        };
        var stages = new H5Group();
        foreach (var s in r.Stages)
        {
            var g = new H5Group
            {
                ["coefficients"] = ChecksummedFile.Dataset(s.Coefficients),
                ["residual"] = ChecksummedFile.Dataset(s.Residual),
                ["history"] = StageHistoryGroup.Create(s.History),
            };
            g.Attributes["powers"] = (long)s.Powers;
            g.Attributes["modes"] = (long)s.Modes;
            g.Attributes["length"] = options.Length;
            StageHistoryGroup.Describe(g, s.Scale, s.Steps, s.Seconds, s.Lambda, s.MaxResidual, s.Stop);
            stages[$"stage{s.Index}"] = g;
        }
        file["stages"] = stages;
        file["provenance"] = ChecksummedFile.Provenance(ProvenanceRecord.Capture(null, "cpu") with { CommandLine = string.Join(' ', commandLine) });
        ChecksummedFile.Write(path, file);
    }
}
