using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Problems;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;

namespace Pinn.Solver.Tests;

public class BudgetForecastTests
{
    [Fact]
    public void Exhausted_NoBudget_NeverStops()
    {
        var f = new BudgetForecast(0);
        f.Record(1e6);
        Assert.False(f.Exhausted(1e9));
    }

    [Fact]
    public void Exhausted_StopsWhenTheLongestRecentStepWouldOverrunTheBudget()
    {
        var f = new BudgetForecast(600);
        Assert.False(f.Exhausted(599.9));   // no step recorded: only the clock counts
        Assert.True(f.Exhausted(600));
        f.Record(5);
        f.Record(12);
        f.Record(4);
        Assert.Equal(12, f.LongestStep);
        Assert.False(f.Exhausted(588));
        Assert.True(f.Exhausted(588.5));
    }

    [Fact]
    public void StartPhase_ForgetsThePreviousPhasesSteps()
    {
        var f = new BudgetForecast(10);
        f.Record(8);
        Assert.True(f.Exhausted(3));
        f.StartPhase();
        Assert.False(f.Exhausted(3));
    }

    [Property]
    public Property LongestStep_IsTheMaximumOfTheLastWindowRecords(PositiveInt[] steps)
    {
        var f = new BudgetForecast(1);
        foreach (var s in steps) f.Record(s.Get);
        double expected = steps.Length == 0 ? 0 : steps.TakeLast(BudgetForecast.Window).Max(s => s.Get);
        return (f.LongestStep == expected).ToProperty().Label($"longest {f.LongestStep}, expected {expected}");
    }

    [Fact]
    public void Constructor_NegativeBudget_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BudgetForecast(-1));

    [Fact]
    public void Trainer_WithBudget_EndsWithBudgetReachedBeforeTheStepsRunOut()
    {
        var problem = new Heat1d().Create(new ProblemOptions(64, 20));
        using var net = new Mlp(new MlpOptions(2, [8], Seed: 1));
        var run = Trainer.For(problem, net).Using("adam:100000000").With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100, TimeBudget: 0.3)).Run();
        Assert.Equal(TrainingOutcome.BudgetReached, run.Outcome);
        Assert.True(run.Steps < 100000000);
        Assert.Equal("BudgetReached", run.Phases[^1].StopName);   // not "None": the phase says what stopped it
        Assert.Contains("time budget", run.OutcomeReason);
    }
}
