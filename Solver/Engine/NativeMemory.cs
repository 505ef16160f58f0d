using System.Runtime.InteropServices;

namespace Pinn.Solver.Engine;

/// <summary>
/// The two things that decide the native memory of a training run: glibc's thresholds (a process-wide setting the
/// program chooses once, <see cref="Tune"/>) and when the native halves of collected TorchSharp objects are freed
/// (<see cref="CollectGarbage"/>, which the training loop calls every <see cref="CollectEvery"/> steps).
/// </summary>
public static class NativeMemory
{
    /// <summary>Steps between two <see cref="CollectGarbage"/> calls of the training loop.</summary>
    public const int CollectEvery = 10;

    private const int TrimThreshold = -1, TopPad = -2, MmapThreshold = -3, MmapMax = -4;
    private static int _applied;

    /// <summary>
    /// Keeps glibc from returning tensor-sized blocks to the kernel after every free: by default glibc serves blocks
    /// above a (dynamic) threshold with fresh mmap calls and trims the heap eagerly, so each training step
    /// page-faults its megabyte-sized temporaries in again; measured on a 2-core machine, that made an Adam step
    /// on poisson2d (2-64-64-1, 1 020 points) cost 13.9 ms instead of 8.7 ms, and a Jacobian of the same network
    /// 90 ms instead of 22 ms. Raising the mmap and trim thresholds (and serving even the largest blocks from the
    /// heap) keeps that memory in the process. Process-wide and applied once (Linux with glibc; a no-op elsewhere):
    /// the <c>pinn</c> program calls it at its start; a program that uses the engine as a library may call it too.
    /// </summary>
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

    /// <summary>
    /// Frees the native memory of TorchSharp objects nothing refers to any more. Each .NET number in a tensor
    /// expression (<c>t * 0.5</c>) becomes a native <c>Scalar</c> of a few dozen bytes that dispose scopes do not
    /// track and only the finalizer frees; a step makes hundreds. Left to the garbage collector, which runs when
    /// the (small) managed heap fills, they pile up for hundreds of steps, scattered through the freed tensor
    /// blocks, and glibc can no longer merge those blocks: the heap grew by 1.7 MB per step on burgers
    /// (hard form, 30-30-30, 4 096 points) and in jumps of tens of megabytes on poisson2d, while the memory in use
    /// stayed flat. A gen-1 collection every <see cref="CollectEvery"/> steps (1–3 ms on a loaded 2-core machine)
    /// keeps the heap at the peak of one step.
    /// </summary>
    public static void CollectGarbage() => GC.Collect(1);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
