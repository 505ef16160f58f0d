namespace Pinn.Verification;

/// <summary>
/// How a bool attribute is stored: an HDF5 enumeration FALSE = 0, TRUE = 1 (the encoding h5py reads as numpy bool).
/// </summary>
internal enum Hdf5Bool : byte
{
    FALSE = 0,
    TRUE = 1,
}
