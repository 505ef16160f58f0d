using System.Runtime.InteropServices;

namespace Pinn.Solver.Engine;

/// <summary>
/// Makes libtorch's CPU linear algebra give the same bits from run to run: Intel MKL (linked into libtorch_cpu) picks
/// its code path per call from the data's memory placement unless its conditional numerical reproducibility mode is on
/// (<c>MKL_CBWR</c>). Without it, the same least-squares solve on an ill-conditioned basis gave coefficients differing in
/// the fifth digit from one process to the next, and <c>pinn singularity ccf --branch 0</c> found λ = 1.1807776629 in
/// some runs and 1.22–1.25 in others (measured 2026-12-06); with <c>MKL_CBWR=AUTO</c> (the fastest path for this
/// processor, fixed) three runs gave the same bits, at the same speed.
/// </summary>
/// <remarks>
/// The variables are read when libtorch loads and when MKL first runs, so <see cref="Apply"/> must come before the first
/// torch call; values the user has set are kept. <c>OMP_NUM_THREADS</c> matters for test hosts: torch's
/// <c>set_num_threads</c> sets OpenMP's thread count for the calling thread only, so work that xunit runs on its other
/// threads used every core (and MKL's threaded solvers are not reproducible across thread counts).
/// </remarks>
public static class NativeReproducibility
{
    /// <summary>MKL's reproducibility mode: AUTO, the best code path for this processor, the same on every call.</summary>
    public const string MklMode = "AUTO";

    /// <summary>Sets MKL_CBWR (and, when <paramref name="defaultThreads"/> is given, OMP_NUM_THREADS and MKL_NUM_THREADS) unless already set.</summary>
    public static void Apply(int? defaultThreads = null)
    {
        Set("MKL_CBWR", MklMode);
        if (defaultThreads is { } threads)
        {
            Set("OMP_NUM_THREADS", threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set("MKL_NUM_THREADS", threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static void Set(string name, string value)
    {
        if (Environment.GetEnvironmentVariable(name) is not null) return;
        Environment.SetEnvironmentVariable(name, value);
        // On Linux and macOS the managed environment is a copy: native code reads the C library's.
        if (OperatingSystem.IsWindows()) return;
        try { setenv(name, value, 0); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv(string name, string value, int overwrite);
}
