using System.Runtime;

namespace Pinn.Solver.Engine;

/// <summary>
/// Keeps garbage collections out of training runs, because a collection that runs while libtorch is inside a call can
/// free what that call still reads. TorchSharp passes raw handles to its native calls and frees native objects in
/// finalizers; a number in a tensor expression (<c>t * 0.5</c>, the order of <c>linalg.vector_norm</c>, the α of
/// <c>add</c>) becomes a <c>Scalar</c> that nothing references once its handle is read. A collection that ends between
/// that read and libtorch's use of the scalar (a background collection's final mark, or one triggered by another
/// thread's allocation) finds it unreachable, and the finalizer thread deletes it while libtorch is about to read it:
/// the call then fails with "Unknown scalar type" or "Expected false to be true" (c10::Scalar's checks on a freed tag).
/// </summary>
/// <remarks>
/// <para>A training session holds the gate from its start to its end (<see cref="Enter"/>); the gate keeps a no-GC region
/// (<see cref="GC.TryStartNoGCRegion(long)"/>, <see cref="Budget"/> bytes) open while any session holds it, so the
/// runtime starts no collection at all. The sessions' periodic <see cref="Collect"/> (every
/// <see cref="NativeMemory.CollectEvery"/> steps) waits until every session in the process is between steps, ends
/// the region and starts the next one; starting a region is a full blocking collection, and what it finds
/// unreachable is truly dead, so the finalizers it queues (the scalars' native memory) are safe to run meanwhile.</para>
/// <para>Not covered: a thread that allocates more than the budget between two collections (the region then ends
/// with a collection at that moment), <c>GC.Collect</c> called elsewhere in the process, and another component's
/// no-GC region (the gate then opens none; the sessions run as before).</para>
/// </remarks>
public static class CollectionGate
{
    /// <summary>
    /// Managed bytes every thread together may allocate between two collections without ending the region (for the
    /// small and the large object heap each). A step allocates tens of kilobytes (poisson2d, Adam: 46 kB), an
    /// adaptive draw a few megabytes.
    /// </summary>
    public const long Budget = 64L << 20;

    private static readonly ReaderWriterLockSlim Gate = new(LockRecursionPolicy.SupportsRecursion);
    private static int _sessions;
    private static bool _ours;
    private static long _endedEarly;

    /// <summary>Regions this gate opened that had ended (on a collection) before the gate closed them.</summary>
    public static long EndedEarly => Interlocked.Read(ref _endedEarly);

    /// <summary>Whether a region this gate opened is in effect now.</summary>
    public static bool RegionOpen => _ours && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    /// <summary>
    /// A training session starts: it holds the gate until the returned object is disposed (on the same thread). The
    /// first session opens the region, after the sessions already running have reached a collection point.
    /// </summary>
    public static IDisposable Enter()
    {
        if (Gate.IsReadLockHeld)
        {
            Gate.EnterReadLock();   // a session inside a session on this thread: the outer one's region serves it
            return new Hold(nested: true);
        }
        Gate.EnterWriteLock();
        try
        {
            if (_sessions++ == 0 || !RegionOpen) Restart();
            Gate.EnterReadLock();
        }
        finally
        {
            Gate.ExitWriteLock();
        }
        return new Hold(nested: false);
    }

    /// <summary>
    /// Collects garbage at a point where this thread is between steps: waits until every session is at such a point,
    /// then ends the region and starts a new one (a full blocking collection). Outside any session, a gen-1 collection.
    /// </summary>
    public static void Collect()
    {
        int held = Gate.RecursiveReadCount;
        for (int i = 0; i < held; i++) Gate.ExitReadLock();
        Gate.EnterWriteLock();
        try
        {
            if (_sessions > 0) Restart();
            else GC.Collect(1);
            for (int i = 0; i < held; i++) Gate.EnterReadLock();
        }
        finally
        {
            Gate.ExitWriteLock();
        }
    }

    private static void Leave(bool nested)
    {
        Gate.ExitReadLock();
        if (nested) return;
        Gate.EnterWriteLock();
        try
        {
            if (--_sessions == 0) End();
        }
        finally
        {
            Gate.ExitWriteLock();
        }
    }

    /// <summary>Ends this gate's region and opens the next (the collection); under the write lock.</summary>
    private static void Restart()
    {
        End();
        try
        {
            _ours = GC.TryStartNoGCRegion(Budget);
        }
        catch (InvalidOperationException)
        {
            _ours = false;   // another component's region is in effect: leave it alone
        }
    }

    private static void End()
    {
        if (!_ours) return;
        _ours = false;
        if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            Interlocked.Increment(ref _endedEarly);
            return;
        }
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            Interlocked.Increment(ref _endedEarly);   // it ended on a collection just now
        }
    }

    private sealed class Hold(bool nested) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) Leave(nested);
        }
    }
}
