using System.Runtime.InteropServices;
using System.Text;

namespace Pinn.Solver.Bench;

/// <summary>
/// The BLAS a process actually runs its matrix products on: which implementation (<see cref="Kind"/>), what it says
/// about itself (version, kernel), and its thread count. A timing comparison is fair only when both sides use an
/// optimized BLAS (<see cref="Optimized"/>) with one thread: on the netlib reference BLAS that a fresh Debian selects,
/// the PyTorch baseline's Adam step on poisson2d is 3–5× slower than the same script's on OpenBLAS.
/// </summary>
public sealed record BlasLibrary(string Kind, string Detail, int Threads, string Path)
{
    private static readonly string[] OptimizedKinds = ["OpenBLAS", "MKL", "BLIS"];

    /// <summary>OpenBLAS, MKL or BLIS (not the netlib reference implementation, not unknown).</summary>
    public bool Optimized => OptimizedKinds.Contains(Kind);

    /// <summary>One line for the report, e.g. "MKL 2024.2 (libtorch_cpu.so), 1 thread".</summary>
    public override string ToString()
    {
        var detail = Detail.StartsWith(Kind, StringComparison.Ordinal) ? Detail[Kind.Length..].Trim() : Detail;
        return $"{Kind}{(detail.Length > 0 ? " " + detail : "")} ({System.IO.Path.GetFileName(Path)}), {Threads} thread{(Threads == 1 ? "" : "s")}";
    }

    /// <summary>Why a ratio against this BLAS would not be fair, or null when it is.</summary>
    public string? Unfair() => !Optimized ? $"the PyTorch side ran on {Kind} ({Path}), not an optimized BLAS; run benchmarks/reference/install.sh (libopenblas0-pthread)"
        : Threads != 1 ? $"the PyTorch side's BLAS ran {Threads} threads, not 1"
        : null;

    /// <summary>The toolkit's BLAS: libtorch's (MKL linked into libtorch_cpu, else an OpenBLAS it loaded).</summary>
    public static BlasLibrary Toolkit()
    {
        TorchSharp.torch.InitializeDeviceType(TorchSharp.DeviceType.CPU);
        var libtorch = MappedLibraries().FirstOrDefault(p => System.IO.Path.GetFileName(p).StartsWith("libtorch_cpu", StringComparison.Ordinal));
        if (libtorch is not null && NativeLibrary.TryLoad(libtorch, out var handle))
        {
            if (NativeLibrary.TryGetExport(handle, "MKL_Get_Version_String", out var describe)
                && NativeLibrary.TryGetExport(handle, "mkl_get_max_threads", out var threads))
            {
                var buffer = new byte[256];
                Marshal.GetDelegateForFunctionPointer<MklVersion>(describe)(buffer, buffer.Length);
                var text = Encoding.ASCII.GetString(buffer).TrimEnd('\0', ' ');
                var version = System.Text.RegularExpressions.Regex.Match(text, @"Version (\S+)");
                return new BlasLibrary("MKL", version.Success ? version.Groups[1].Value : text,
                    Marshal.GetDelegateForFunctionPointer<IntGetter>(threads)(), libtorch);
            }
        }
        var openblas = MappedLibraries().FirstOrDefault(p => p.Contains("openblas", StringComparison.OrdinalIgnoreCase));
        if (openblas is not null && NativeLibrary.TryLoad(openblas, out var o)
            && NativeLibrary.TryGetExport(o, "openblas_get_config", out var config) && NativeLibrary.TryGetExport(o, "openblas_get_num_threads", out var n))
            return new BlasLibrary("OpenBLAS", Marshal.PtrToStringAnsi(Marshal.GetDelegateForFunctionPointer<PointerGetter>(config)()) ?? "",
                Marshal.GetDelegateForFunctionPointer<IntGetter>(n)(), openblas);
        return new BlasLibrary("unknown", "", 0, libtorch ?? "libtorch_cpu not mapped");
    }

    /// <summary>What the PyTorch reference reported about its own process (the <c>blas</c> object of its JSON line).</summary>
    public static BlasLibrary FromReference(System.Text.Json.JsonElement blas) =>
        new(blas.GetProperty("kind").GetString()!, blas.GetProperty("detail").GetString() ?? "", blas.GetProperty("threads").GetInt32(), blas.GetProperty("path").GetString()!);

    /// <summary>The shared libraries mapped into this process (Linux; empty elsewhere).</summary>
    private static IEnumerable<string> MappedLibraries()
    {
        if (!File.Exists("/proc/self/maps")) return [];
        return File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && f[5].StartsWith('/') && f[5].Contains(".so")).Select(f => f[5]).Distinct().ToList();
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void MklVersion(byte[] buffer, int length);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int IntGetter();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr PointerGetter();
}
