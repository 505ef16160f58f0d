using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Pinn.Optimizers.Tests;

public class OptimizerSpecTests
{
    [Fact]
    public void Parse_TwoPhases_GivesNamesAndSteps()
    {
        var phases = OptimizerSpec.Parse("adam:1000,lbfgs:1000");

        Assert.Equal(2, phases.Count);
        Assert.Equal(("adam", 1000), (phases[0].Name, phases[0].Steps));
        Assert.Equal(("lbfgs", 1000), (phases[1].Name, phases[1].Steps));
        Assert.Empty(phases[0].Options);
    }

    [Fact]
    public void Parse_PhasesWithOptions_KeepsOptionsAsWritten()
    {
        var phases = OptimizerSpec.Parse("adam:500:lr=1e-3:beta1=0.95,lbfgs:200:history=50");

        Assert.Equal(500, phases[0].Steps);
        Assert.Equal("1e-3", phases[0].Options["lr"]);
        Assert.Equal("0.95", phases[0].Options["beta1"]);
        Assert.Equal(200, phases[1].Steps);
        Assert.Equal("50", phases[1].Options["history"]);
    }

    [Theory]
    [InlineData("adam", "adam", 1000)]
    [InlineData(" SGD : 7 : Nesterov=TRUE ", "sgd", 7)]
    [InlineData("adam:eps=1e-10", "adam", 1000)]
    [InlineData("lbfgs:max-evals=40:gtol=1e-12:ftol=1e-15", "lbfgs", 1000)]
    public void Parse_SinglePhase_DefaultsStepsAndNormalizesCase(string spec, string name, int steps)
    {
        var phase = Assert.Single(OptimizerSpec.Parse(spec));
        Assert.Equal(name, phase.Name);
        Assert.Equal(steps, phase.Steps);
    }

    [Theory]
    [InlineData("", "empty optimizer spec")]
    [InlineData("   ", "empty optimizer spec")]
    [InlineData("adm:100", "unknown optimizer 'adm'; did you mean 'adam'? known: adam, sgd, lbfgs")]
    [InlineData("adam:100,", "phase 2 is empty")]
    [InlineData(",adam", "phase 1 is empty")]
    [InlineData("adam,,lbfgs", "phase 2 is empty")]
    [InlineData("adam:0", "must be a positive integer")]
    [InlineData("adam:-5", "must be a positive integer")]
    [InlineData("adam:1.5", "must be a positive integer")]
    [InlineData("adam:99999999999", "must be a positive integer")]
    [InlineData("adam:100:lrr=1", "unknown option 'lrr' for adam; accepted: lr, beta1, beta2, eps")]
    [InlineData("lbfgs:lr=1", "unknown option 'lr' for lbfgs; accepted: history, gtol, ftol, max-evals")]
    [InlineData("adam:lr=abc", "must be a positive number, got 'abc'")]
    [InlineData("adam:lr=-1e-3", "must be a positive number")]
    [InlineData("adam:lr=0", "must be a positive number")]
    [InlineData("adam:lr=NaN", "must be a positive number")]
    [InlineData("adam:lr=Infinity", "must be a positive number")]
    [InlineData("adam:beta1=1", "must be a number in [0, 1)")]
    [InlineData("sgd:nesterov=maybe", "must be true or false")]
    [InlineData("lbfgs:history=2.5", "must be a positive integer")]
    [InlineData("lbfgs:max-evals=0", "must be a positive integer")]
    [InlineData("adam:100:lr", "expected key=value")]
    [InlineData("adam:100:200", "expected key=value")]
    [InlineData("adam::lr=1", "empty field")]
    [InlineData("adam:lr=", "must be a positive number, got ''")]
    [InlineData("adam:=1", "unknown option ''")]
    [InlineData("adam:lr=1:lr=2", "given twice")]
    [InlineData("lr=1", "put the optimizer name first")]
    [InlineData("adam:100,bogus:5", "unknown optimizer 'bogus' in phase 2")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheFix(string spec, string expected)
    {
        var error = Assert.Throws<FormatException>(() => OptimizerSpec.Parse(spec));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException() =>
        Assert.Throws<ArgumentNullException>(() => OptimizerSpec.Parse(null!));

    [Property(MaxTest = 500)]
    public Property Parse_ArbitraryText_ParsesOrThrowsOneLineFormatException(string text) =>
        ParsesOrFailsCleanly(text ?? "");

    [Property(MaxTest = 1000)]
    public Property Parse_SpecLikeGarbage_ParsesOrThrowsOneLineFormatException()
    {
        var tokens = Gen.Elements("adam", "sgd", "lbfgs", "ADAM", "adm", ":", ":", ",", "=", "lr", "beta1", "beta2", "eps",
            "momentum", "nesterov", "history", "gtol", "ftol", "max-evals", "1", "0", "-1", "1e-3", "0.95", "1.5",
            "true", "NaN", "1e400", "99999999999", " ", "\n", "\u2028", "é", "", "==", "::");
        var specs = tokens.ListOf().Select(parts => string.Concat(parts));
        return Prop.ForAll(specs.ToArbitrary(), ParsesOrFailsCleanly);
    }

    [Property(MaxTest = 200)]
    public Property Format_ValidPhases_RoundTripsThroughParse()
    {
        var phase =
            from name in Gen.Elements("adam", "sgd", "lbfgs")
            from steps in Gen.Choose(1, 100000)
            from optionCount in Gen.Choose(0, 3)
            from values in Gen.Elements("1e-3", "0.5", "2", "0.01").ArrayOf(optionCount)
            select (name, steps, values);
        return Prop.ForAll(phase.NonEmptyListOf().ToArbitrary(), list =>
        {
            var phases = list.Select(p =>
            {
                var descriptor = OptimizerCatalog.Default.Get(p.name);
                var options = descriptor.Options
                    .Where(o => o.Kind != OptimizerOptionKind.Boolean && o.Kind != OptimizerOptionKind.Fraction && o.Kind != OptimizerOptionKind.PositiveInteger)
                    .Take(p.values.Length)
                    .Select((o, i) => (o.Key, p.values[i]))
                    .ToDictionary(kv => kv.Key, kv => kv.Item2);
                return new OptimizerPhase(p.name, p.steps, options);
            }).ToList();

            var parsed = OptimizerSpec.Parse(OptimizerSpec.Format(phases));

            return parsed.Count == phases.Count && parsed.Zip(phases).All(pair =>
                pair.First.Name == pair.Second.Name
                && pair.First.Steps == pair.Second.Steps
                && pair.First.Options.Count == pair.Second.Options.Count
                && pair.Second.Options.All(kv => pair.First.Options[kv.Key] == kv.Value));
        });
    }

    private static Property ParsesOrFailsCleanly(string text)
    {
        try
        {
            var phases = OptimizerSpec.Parse(text);
            return (phases.Count > 0 && phases.All(p => p.Steps > 0 && OptimizerCatalog.Default.Find(p.Name) is not null))
                .Label($"parsed {Quote(text)}");
        }
        catch (FormatException error)
        {
            return (!error.Message.Contains('\n') && !error.Message.Contains('\r') && !error.Message.Contains('\u2028') && error.Message.Length > 0)
                .Label($"message of {Quote(text)}: {error.Message}");
        }
    }

    private static string Quote(string text) => string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
