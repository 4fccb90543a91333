"""Running the pipeline: the command line, the parallel map, the Dask path, safe output
files and the results store.
"""
