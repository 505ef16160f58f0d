using System.Runtime.InteropServices;

namespace Pinn.Verification.Tests;

/// <summary>
/// A fact that needs a directory its process cannot write to (chmod 555): skipped on Windows and when running as
/// root, who may write anywhere.
/// </summary>
public sealed class UnwritableDirectoryFactAttribute : FactAttribute
{
    public UnwritableDirectoryFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs Unix file modes";
        }
        else if (GetEffectiveUserId() == 0)
        {
            Skip = "running as root, who can write to a read-only directory";
        }
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
