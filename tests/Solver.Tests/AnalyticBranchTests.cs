using System.Numerics;
using System.Text.Json.Nodes;
using Pinn.Solver.Cli;
using Pinn.Solver.Singularity;

namespace Pinn.Solver.Tests;

/// <summary>CCF branch 1 as the smooth class's second member: its conditions, indicator, defaults and start options.</summary>
[Collection("console")]
public class AnalyticBranchTests
{
    [Fact]
    public void CcfBranch1_SharesTheSmoothConditions_AndItsIndicatorIsRsCoefficientOverA()
    {
        var equation = new CcfProfileEquation();
        Assert.Equal(equation.Conditions(0), equation.Conditions(1));
        Assert.Equal(2, equation.OriginOrder(1));
        // Θ = −a y² + c₄ y⁴, HΘ = b y + d y³: R's y² coefficient is a(λ − 2(1 + λ − b)); branch 1 reports it divided by a.
        var random = new Random(5);
        for (int trial = 0; trial < 5; trial++)
        {
            double a = 0.2 + random.NextDouble(), b = random.NextDouble(), lambda = 0.5 + random.NextDouble();
            var f = new PowerSeries(new Complex[] { 0, 0, -a, 0, random.NextDouble() });
            var g = new PowerSeries(new Complex[] { 0, b, 0, random.NextDouble(), 0 });
            double r2 = equation.OriginCoefficient(0, lambda, f, g);
            Assert.Equal(a * (lambda - 2 * (1 + lambda - b)), r2, 12);
            Assert.Equal(r2 / a, equation.OriginCoefficient(1, lambda, f, g), 12);
        }
    }

    [Fact]
    public void Presets_CcfBranch1_TakesItsDefaults_AndGivenOptionsReplaceThem()
    {
        var equation = new CcfProfileEquation();
        var options = new SingularityAnalyticSettings().ToAnalyticOptions(equation, 1, null, null, null, null);
        Assert.True(options.Search);   // with the start: the staged search
        Assert.Equal([64], options.FarModes!);
        Assert.Equal(0.6, options.InitialLambda);
        Assert.Equal(400, options.StartSteps);
        Assert.Equal(1.0, options.OuterNormalisation);
        Assert.Equal(1e-9, options.Weights.Ridge);
        Assert.Equal(1e-5, options.StartRidge);
        Assert.Equal(200, options.FarPoints);
        Assert.True(options.Weights.OriginEmphasis);   // the search's stage 2; the start and the refinements turn it off
        Assert.Equal(4, options.Refinements!.Length);
        Assert.Null(options.Refinements[2]);            // the main basis
        var lengths = options.Refinements.Where(b => b is not null).ToArray();
        Assert.All(lengths, b => Assert.Equal((4, 40, 64, true, (AnalyticLocalFamily?)null), (b!.Powers, b.Modes, b.FarModes, b.Regular, b.Local)));
        Assert.Equal([100.0, 100.0, 1000.0, 1000.0, 100.0, 100.0], lengths.SelectMany(b => new[] { b!.Length, b.FarLength }));
        var given = new SingularityAnalyticSettings { Modes = "20", NormaliseAt = "off", Local = "0.2:0.05:8", Ridge = "0", Refine = "off", StartRidge = "0", FarPoints = "0" }
            .ToAnalyticOptions(equation, 1, 2, 0.62, 50, null);
        Assert.Null(given.Refinements);
        Assert.Equal((0.0, 0), (given.StartRidge, given.FarPoints));
        Assert.Equal([20], given.Modes);
        Assert.Null(given.OuterNormalisation);
        Assert.Equal(new AnalyticLocalFamily(0.2, 0.05, 8), given.Local);
        Assert.Equal((2, 0.62, 50, 0.0), (given.Stages, given.InitialLambda, given.MaxSteps, given.Weights.Ridge));
        var branch0 = new SingularityAnalyticSettings().ToAnalyticOptions(equation, 0, null, null, null, null);
        var expected = new AnalyticSingularityOptions { Branch = 0, Regular = true };
        Assert.Equal(expected, branch0 with { Powers = expected.Powers, Modes = expected.Modes });   // the former CLI defaults
        Assert.Equal([3, 4], branch0.Powers);
        Assert.Equal([32, 32], branch0.Modes);
    }

    [Fact]
    public void Cli_Branch1_ByDefault_SearchesLambdaOnStagedFixedLambdaFits()
    {
        var (code, stdout, err) = Cli.Cli.Run(["singularity", "ccf", "--branch", "1", "--start-steps", "3", "--steps", "2", "--powers", "2",
            "--modes", "6", "--far-modes", "6", "--local", "0.6:0.1:3", "--analytic-points", "40", "--refine", "2:6:6:1000", "--far-points", "20", "--json"]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("search: λ = 0.6: indicator ", err);
        Assert.Contains("after 2 stages at fixed λ", err);
        Assert.Contains("staged fits", err);
        Assert.Contains("stage 3 (refinement): ε = ", err);
        var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        int solves = (int)json["search_solves"]!;
        Assert.InRange(solves, 2, 12);
        Assert.Equal(3, (int)json["stages"]!);   // the search's two, then the refinement at the λ found
        // λ is held at the value the search ends on: every stage reports it.
        double lambda = (double)json["lambda"]!;
        Assert.All(json["stage_lambda"]!.AsArray(), v => Assert.Equal(lambda, (double)v!));
    }

    [Fact]
    public void Cli_ScanWithAStart_ScansTheStagedIndicator()
    {
        var (code, stdout, err) = Cli.Cli.Run(["singularity", "ccf", "--branch", "1", "--start-steps", "2", "--steps", "1", "--powers", "2",
            "--modes", "6", "--far-modes", "6", "--local", "0.6:0.1:3", "--analytic-points", "40", "--scan", "0.6:0.61:0.01", "--json"]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Equal(2, err.Split('\n').Count(l => l.StartsWith("scan: λ = ") && l.Contains("staged indicator") && l.Contains("after 2 stages at fixed λ")));
        var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.Equal(new[] { 0.6, 0.61 }, json["scan_lambda"]!.AsArray().Select(v => Math.Round((double)v!, 12)));
        Assert.All(json["scan_indicator"]!.AsArray(), v => Assert.True(double.IsFinite((double)v!)));
    }

    [Fact]
    public void StagedIndicator_IsAFunctionOfLambdaAlone_NotOfTheFitsBeforeIt()
    {
        // Each start moved the normalisation to its own f(1); the next λ's start used to fit under that one.
        string[] common = ["singularity", "ccf", "--branch", "1", "--start-steps", "3", "--steps", "2", "--powers", "2", "--modes", "6",
            "--far-modes", "6", "--local", "0.6:0.1:3", "--analytic-points", "40", "--json", "--scan"];
        double Last(string scan)
        {
            var (code, stdout, err) = Cli.Cli.Run([.. common, scan]);
            Assert.True(code == ExitCodes.Ok, err);
            return (double)JsonNode.Parse(stdout.Trim().Split('\n')[^1])!["scan_indicator"]!.AsArray()[^1]!;
        }
        Assert.Equal(Last("0.61:0.61:1"), Last("0.6:0.61:0.01"));
    }

    [Fact]
    public void Cli_Branch1_StartsAtFixedLambda_ThenMovesTheNormalisationAndTrainsLambda()
    {
        var (code, stdout, err) = Cli.Cli.Run(["singularity", "ccf", "--branch", "1", "--no-search", "--start-steps", "3", "--steps", "2", "--powers", "2",
            "--modes", "6", "--analytic-points", "40", "--json"]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("start at fixed λ₀ = 0.6", err);
        Assert.Contains("normalisation from here on: f(0) = 0 and f(1) = ", err);
        var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.Equal(1, (int)json["branch"]!);
        Assert.Equal(0.6057337012032, (double)json["lambda_reference"]!);
        Assert.Equal(0, (int)json["search_solves"]!);
    }

    [Fact]
    public void Cli_StartBasis_IsStageOnesBasis_AndLaterStagesTakeTheMainOne()
    {
        var (code, _, err) = Cli.Cli.Run(["singularity", "ccf", "--branch", "1", "--no-search", "--start-steps", "2", "--steps", "1", "--stages", "2",
            "--start-basis", "2:5:0.3", "--powers", "3", "--modes", "6", "--local", "0.6:0.1:3", "--analytic-points", "40", "--json"]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("basis 3×6", err);
        Assert.DoesNotContain("basis 2×5", err);
    }

    [Fact]
    public void FarPoints_AreLogUniformFromTenFarLengthsTo1e9()
    {
        var options = new AnalyticSingularityOptions { Branch = 0, Points = 40, FarLength = 70, FarPoints = 30 };
        var plain = new AnalyticProfileSolver(new CcfProfileEquation(), options with { FarPoints = 0 }).CollocationPoints(1.18);
        var points = new AnalyticProfileSolver(new CcfProfileEquation(), options).CollocationPoints(1.18);
        var far = points.Except(plain).ToArray();
        Assert.Equal(30, far.Length);
        Assert.All(far, y => Assert.InRange(y, 700, 1e9));
        var gaps = far.Zip(far.Skip(1), (a, b) => Math.Log(b / a)).ToArray();
        Assert.All(gaps, g => Assert.Equal(Math.Log(1e9 / 700) / 30, g, 10));
    }

    [Fact]
    public void Cli_Refinements_WithoutSearch_AreMoreStagesAtTheLastLambda()
    {
        var (code, stdout, err) = Cli.Cli.Run(["singularity", "ccf", "--branch", "1", "--no-search", "--start-steps", "2", "--steps", "2", "--stages", "1",
            "--powers", "2", "--modes", "6", "--far-modes", "6", "--local", "off", "--analytic-points", "40", "--refine", "main,2:5:5:1000", "--json"]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("stage 2 (refinement): ε = ", err);
        Assert.Contains("basis 2×5 at L_f = 1000 + 5 regular at L = 1000", err);
        var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.Equal(3, (int)json["stages"]!);
        var lambdas = json["stage_lambda"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.All(lambdas, l => Assert.Equal(lambdas[0], l));
    }

    [Theory]
    [InlineData("--refine", "4:40:64")]
    [InlineData("--refine", "main,0:40:64:1000")]
    [InlineData("--refine", "4:40.5:64:1000")]
    [InlineData("--refine", "4:40:64:-1")]
    [InlineData("--refine", "main,main,main,main,main,main")]
    [InlineData("--refine", "")]
    [InlineData("--start-ridge", "-1")]
    [InlineData("--far-points", "x")]
    [InlineData("--far-points", "200000")]
    [InlineData("--start-steps", "x")]
    [InlineData("--normalise-at", "0")]
    [InlineData("--normalise-at", "abc")]
    [InlineData("--origin-emphasis", "yes")]
    [InlineData("--patience", "0")]
    [InlineData("--start-basis", "3:40")]
    [InlineData("--start-basis", "0:40:0.3")]
    [InlineData("--start-basis", "3:40:-1")]
    public void Cli_BadStartOptions_OneLineErrorAndExitCode2(string option, string value)
    {
        var (code, _, err) = Cli.Cli.Run(["singularity", "ccf", "--branch", "1", option, value]);
        Assert.Equal(ExitCodes.Usage, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("pinn: ", lines[0]);
    }
}
