using FsCheck;
using FsCheck.Fluent;

namespace Pinn.Verification.Optimizers;

/// <summary>Runs a property as a test: quiet on success, an exception with FsCheck's report (the original and the
/// shrunk counterexample, and the failing check's label) on failure.</summary>
public static class PropertyRun
{
    /// <summary>Checks <paramref name="property"/> on <paramref name="maxTest"/> random cases.</summary>
    /// <exception cref="Exception">FsCheck's falsification report, when a case fails.</exception>
    public static void Check(Property property, int maxTest)
    {
        if (maxTest < 1) throw new ArgumentOutOfRangeException(nameof(maxTest), $"need at least one test case (got {maxTest})");
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true));
    }

    /// <summary>A property of <paramref name="check"/>: it holds when the check returns null, and fails with the
    /// returned text as its label; an exception fails it with the exception's message.</summary>
    public static Property Verdict(Func<string?> check)
    {
        string? failure;
        try
        {
            failure = check();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = $"threw {e.GetType().Name}: {e.Message}";
        }
        return (failure is null).Label(failure ?? "holds");
    }
}
