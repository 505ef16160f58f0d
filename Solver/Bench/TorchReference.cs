using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Physics;
using Pinn.Solver.Cli;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;

namespace Pinn.Solver.Bench;

/// <summary>What the PyTorch reference reported.</summary>
public sealed record TorchResult(string TorchVersion, double AdamMsPerStep, long Steps, double Seconds, double RelativeL2,
    double TimeTo1e3, IReadOnlyList<(double Seconds, double RelativeL2)> Curve, BlasLibrary Blas);

/// <summary>
/// Runs <c>benchmarks/reference/pinn_torch.py</c> (plain PyTorch, float64, nested autograd) on exactly the
/// setup of a toolkit job: the same initial θ, collocation points, term weights, evaluation grid and
/// Adam → L-BFGS schedule, single-threaded (torch and its BLAS), under the same wall-clock budget; it reports the BLAS it ran on.
/// </summary>
public static class TorchReference
{
    /// <summary>The reference script, found by walking up from the program's directory to the repository.</summary>
    public static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "benchmarks", "reference", "pinn_torch.py");
            if (File.Exists(candidate)) return candidate;
        }
        throw new UsageException("--against-torch: benchmarks/reference/pinn_torch.py not found; run pinn from the repository's build output");
    }

    /// <summary>The Python with PyTorch: Debian's /usr/bin/python3 (python3-torch), else python3 on PATH.</summary>
    public static string Python() => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Writes the reference's configuration for <paramref name="job"/> (a poisson-type problem: −Δu = f, u = g).</summary>
    public static void WriteConfig(string path, SolveJob job, int adamSteps, double learningRate, double budget)
    {
        var bounds = job.Problem.Domain.Bounds;
        using var net = Mlp.For(job.Problem, job.Network);
        using var objective = new PinnObjective(job.Problem, net, job.Seed);
        var terms = new JsonArray();
        foreach (var term in objective.Terms)
        {
            var kind = term.Term.Name switch
            {
                "pde" => "neg_laplacian",
                "boundary" => "value",
                _ => throw new UsageException($"--against-torch supports −Δu = f with u = g (poisson2d); {job.Problem.Name} has term '{term.Term.Name}'"),
            };
            terms.Add(new JsonObject
            {
                ["name"] = term.Term.Name,
                ["kind"] = kind,
                ["weight"] = term.Term.Weight,
                ["points"] = Rows(term.Points),
                ["data"] = new JsonArray(Points.ToVector(term.Data!).Select(v => (JsonNode)v).ToArray()),
            });
        }
        using var evalPoints = Evaluation.GridFor(job.Problem, job.Training.EvaluationPoints).Points();
        using var exact = job.Problem.ExactAt(evalPoints)!;
        var config = new JsonObject
        {
            ["widths"] = new JsonArray(job.Network.Widths.Select(w => (JsonNode)w).ToArray()),
            ["lower"] = new JsonArray(bounds.Lower.Select(v => (JsonNode)v).ToArray()),
            ["upper"] = new JsonArray(bounds.Upper.Select(v => (JsonNode)v).ToArray()),
            ["theta"] = new JsonArray(net.Parameters.data<double>().ToArray().Select(v => (JsonNode)v).ToArray()),
            ["terms"] = terms,
            ["eval_points"] = Rows(evalPoints),
            ["exact"] = new JsonArray(Points.ToVector(exact).Select(v => (JsonNode)v).ToArray()),
            ["schedule"] = new JsonObject { ["adam_steps"] = adamSteps, ["lr"] = learningRate, ["lbfgs_steps"] = 1_000_000, ["lbfgs_history"] = 100 },
            ["budget"] = budget,
            ["eval_ratio"] = BenchRunner.EvaluationRatio,
            ["threads"] = 1,
        };
        File.WriteAllText(path, config.ToJsonString());
    }

    /// <summary>Runs the reference on <paramref name="configPath"/>.</summary>
    public static TorchResult Run(string configPath)
    {
        var start = new ProcessStartInfo(Python()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script());
        start.ArgumentList.Add(configPath);
        start.Environment["OMP_NUM_THREADS"] = "1";
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UsageException($"--against-torch: cannot start {start.FileName} ({e.Message}); run benchmarks/reference/install.sh");
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var last = errors.Result.Trim().Split('\n')[^1];
                throw new UsageException(last.Contains("No module named 'torch'")
                    ? "--against-torch: PyTorch is not installed for /usr/bin/python3; run benchmarks/reference/install.sh"
                    : $"--against-torch: the PyTorch reference failed: {last}");
            }
            var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
            static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;
            var curve = json.GetProperty("history").EnumerateArray().Select(r => (Number(r[0]), Number(r[1]))).ToList();
            var hit = curve.Where(p => p.Item2 <= 1e-3).Select(p => p.Item1).DefaultIfEmpty(double.NaN).First();
            return new TorchResult(json.GetProperty("torch_version").GetString()!, json.GetProperty("adam_ms_per_step").GetDouble(),
                json.GetProperty("steps").GetInt64(), json.GetProperty("seconds").GetDouble(), Number(json.GetProperty("final_rel_l2")), hit, curve,
                BlasLibrary.FromReference(json.GetProperty("blas")));
        }
    }

    private static JsonArray Rows(TorchSharp.torch.Tensor points)
    {
        var values = Points.ToArray(points);
        var rows = new JsonArray();
        for (int i = 0; i < values.GetLength(0); i++)
        {
            var row = new JsonArray();
            for (int k = 0; k < values.GetLength(1); k++) row.Add(values[i, k]);
            rows.Add(row);
        }
        return rows;
    }
}
