"""Writes the small slices of the literature reference grids that the tests compare against.

Run once, where the full files are (the development machines' shared data folder):
    python3 make_slices.py /path/to/folder/with/the/full/files
Each slice keeps the full x and t axes (datasets x and t), every STRIDE-th time level and x of u
(dataset u, layout u[i_t, i_x], as in the full file) and the full file's attributes.
"""
import sys
import h5py

SLICES = {"burgers.h5": 3, "burgers_raissi.h5": 2, "allen_cahn.h5": 4}

def main(folder):
    for name, stride in SLICES.items():
        with h5py.File(f"{folder}/{name}", "r") as full, h5py.File(name, "w") as out:
            out["x"] = full["x"][:]
            out["t"] = full["t"][:]
            out["u"] = full["u"][::stride, ::stride]
            for key, value in full.attrs.items():
                out.attrs[key] = value
            out.attrs["stride"] = stride
            out.attrs["slice"] = f"u[::{stride}, ::{stride}] of the full {full['u'].shape[0]} x {full['u'].shape[1]} grid"

if __name__ == "__main__":
    main(sys.argv[1])
