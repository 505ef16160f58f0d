using System.Runtime.InteropServices;

namespace Pinn.Solver.Engine;

/// <summary>
/// Keeps glibc from returning tensor-sized blocks to the kernel after every free. By default glibc
/// serves blocks above a (dynamic) threshold with fresh mmap calls and trims the heap eagerly, so each
/// training step page-faults its megabyte-sized temporaries in again; measured on this 2-core
/// machine, that made an Adam step on poisson2d (2-64-64-1, 1 020 points) cost 13.9 ms instead of
/// 8.7 ms. Raising the mmap and trim thresholds (and serving even the largest blocks from the heap)
/// keeps the memory in the process: the resident size settles at the peak of one step and stays flat.
/// </summary>
public static class NativeMemory
{
    private const int TrimThreshold = -1, TopPad = -2, MmapThreshold = -3, MmapMax = -4;
    private static int _applied;

    /// <summary>Applies the settings once per process (Linux with glibc; a no-op elsewhere).</summary>
    public static void Tune()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1 || !OperatingSystem.IsLinux()) return;
        try
        {
            mallopt(MmapThreshold, 32 * 1024 * 1024);   // glibc's maximum on 64-bit
            mallopt(MmapMax, 0);                         // blocks above it (a Jacobian, a Gramian) from the heap too
            mallopt(TrimThreshold, 512 * 1024 * 1024);
            mallopt(TopPad, 64 * 1024 * 1024);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: nothing to tune.
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
