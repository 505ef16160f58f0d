namespace Pinn.Verification.Tests;

/// <summary>A fact that is skipped, with a message saying how to enable it, when an external tool is missing.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool)
    {
        var (found, hint) = tool switch
        {
            "h5dump" => (ExternalTools.H5Dump is not null, "h5dump not found on PATH (Debian: apt-get install hdf5-tools)"),
            "h5py" => (ExternalTools.PythonWithH5py is not null, "no python3 with h5py found (Debian: apt-get install python3-h5py)"),
            _ => throw new ArgumentException($"unknown tool '{tool}'", nameof(tool)),
        };
        if (!found)
        {
            Skip = hint;
        }
    }
}
