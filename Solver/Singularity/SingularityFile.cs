using PureHDF;

namespace Pinn.Solver.Singularity;

/// <summary>
/// Writes a profile search to HDF5 (PureHDF; to a temporary file renamed over the target; every dataset carries its
/// <c>sha256</c> attribute and the file a <c>/provenance</c> group, as <c>pinn solve</c>'s results files).
/// </summary>
/// <remarks>
/// Layout (format "pinn-singularity", version 2: stages carry their components' lengths and input scale):
/// <code>
/// /                      attributes format, format_version, problem, branch, lambda, lambda_exact, lambda_error,
///                        max_residual, max_residual_definition, max_error, far_power, seconds, command_line, options
/// /profile/y, /profile/U, /profile/exact          float64 [2001]   y ∈ [−10, 10]
/// /residual/zeta, /residual/y, /residual/value    float64 [K]      validation grid and R̃ of the final profile
/// /search/lambda, /search/origin_coefficient      float64 [S]      secant search (only with --search): R^(2m+1)(0)/(2m+1)! of each fixed-λ fit
/// /stages/stageK        attributes hidden, activation, scale, lengths, input_scale, frequency, steps, seconds, lambda,
///                       max_residual, stop (stage K adds scale·Σ_a y·tₐ(1 − tₐ)Nₐ(tₐ) over its lengths a, tₐ the compact
///                       coordinate of y/a, input box [½ − 1/input_scale, ½ + 1/input_scale]; stage 1 is −y·t + y·t(1 − t)N(t))
/// /stages/stageK/residual                          float64 [K]      R̃ after stage K
/// /stages/stageK/parameters                        float64 [P]      the networks' θ (Mlp layout), concatenated in the order of lengths
/// /stages/stageK/history/{step,seconds,loss,lambda,damping,max_residual}   per Levenberg–Marquardt step
/// </code>
/// </remarks>
public static class SingularityFile
{
    /// <summary>Writes the file.</summary>
    public static void Write(string path, SingularityResult r, SingularityOptions options, IReadOnlyList<string> commandLine)
    {
        var file = new H5File();
        file.Attributes["format"] = "pinn-singularity";
        file.Attributes["format_version"] = 2L;
        file.Attributes["problem"] = "burgers-profile";
        file.Attributes["branch"] = (long)r.Branch;
        file.Attributes["lambda"] = r.Lambda;
        file.Attributes["lambda_exact"] = r.ExactLambda;
        file.Attributes["lambda_error"] = r.LambdaError;
        file.Attributes["max_residual"] = r.MaxResidual;
        file.Attributes["max_residual_definition"] = SingularityResult.ResidualDefinition;
        file.Attributes["max_error"] = r.MaxError;
        file.Attributes["far_power"] = (long)r.FarPower;
        file.Attributes["seconds"] = r.Seconds;
        file.Attributes["command_line"] = string.Join(' ', commandLine);
        file.Attributes["options"] = $"branch={options.Branch} stages={options.Stages} lambda0={options.StartLambda:R} search={options.Search} " +
            $"hidden={string.Join(',', options.Hidden)} correction_hidden={string.Join(',', options.CorrectionHidden)} activation={options.Activation} " +
            $"correction_activation={options.CorrectionActivation} points={options.Points} adaptive_points={options.AdaptivePoints} " +
            $"resample_every={options.ResampleEvery} max_steps={(options.StageSteps is { } steps ? string.Join(',', steps) : options.MaxSteps)} patience={options.Patience} weights={options.Weights} " +
            $"correction_points={options.CorrectionPoints} correction_scales={List(options.CorrectionInputScales)} " +
            $"correction_lengths={List(options.CorrectionLengths)} lambda_stages={options.LambdaStages} " +
            $"solver={options.LinearSolver} scaling={options.Scaling} seed={options.Seed} validation_points={options.ValidationPoints} " +
            $"chebyshev={(options.ChebyshevFrom is { } from ? $"{from}:{options.ChebyshevDegree}" : "off")}";
        file["profile"] = new H5Group { ["y"] = V(r.ProfileY), ["U"] = V(r.Profile), ["exact"] = V(r.Exact) };
        file["residual"] = new H5Group { ["zeta"] = V(r.Zeta), ["y"] = V(r.GridY), ["value"] = V(r.Residual) };
        if (r.Search.Count > 0)
            file["search"] = new H5Group { ["lambda"] = V(r.Search.Select(e => e.Lambda).ToArray()), ["origin_coefficient"] = V(r.Search.Select(e => e.Value).ToArray()) };
        var stages = new H5Group();
        foreach (var s in r.Stages)
        {
            var g = new H5Group { ["residual"] = V(s.Residual), ["history"] = StageHistoryGroup.Create(s.History) };
            if (s.Parameters is not null) g["parameters"] = V(s.Parameters);
            g.Attributes["basis"] = s.Basis;
            if (s.Hidden.Length > 0)
            {
                g.Attributes["hidden"] = s.Hidden.Select(h => (long)h).ToArray();
                g.Attributes["activation"] = s.Activation.ToString().ToLowerInvariant();
            }
            g.Attributes["lengths"] = s.Lengths ?? [1.0];
            g.Attributes["input_scale"] = s.InputScale;
            g.Attributes["frequency"] = s.Frequency;
            StageHistoryGroup.Describe(g, s.Scale, s.Steps, s.Seconds, s.Lambda, s.MaxResidual, s.Stop);
            stages[$"stage{s.Index}"] = g;
        }
        file["stages"] = stages;
        file["provenance"] = Pinn.Verification.ChecksummedFile.Provenance(Pinn.Verification.ProvenanceRecord.Capture(null, "cpu") with { CommandLine = string.Join(' ', commandLine) });
        Pinn.Verification.ChecksummedFile.Write(path, file);
    }

    private static string List(double[] values) => string.Join(',', values.Select(a => a.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    private static H5Dataset V(double[] values) => Pinn.Verification.ChecksummedFile.Dataset(values);
}
