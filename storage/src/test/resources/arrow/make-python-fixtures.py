"""Writes the pyarrow and DuckDB Arrow IPC fixtures (run once; the build never runs Python).

    python3 -m venv /tmp/arrowenv
    /tmp/arrowenv/bin/pip install --no-deps pyarrow==25.0.1 duckdb==1.5.6
    /tmp/arrowenv/bin/python make-python-fixtures.py
"""
import duckdb
import pyarrow as pa
import pyarrow.ipc as ipc


def pyarrow_batch(first, count):
    rows = range(first, first + count)
    return pa.record_batch(
        [
            pa.array([None if r % 4 == 1 else r * 3 - 7 for r in rows], pa.int32()),
            pa.array([None if r % 5 == 2 else r * 10_000_000_000 for r in rows], pa.int64()),
            pa.array([None if r % 3 == 0 else r / 4 for r in rows], pa.float64()),
            pa.array([None if r % 6 == 5 else r % 2 == 0 for r in rows], pa.bool_()),
            pa.array([None if r % 4 == 3 else "row-%d-\u00e9" % r for r in rows], pa.utf8()),
        ],
        names=["i32", "i64", "f64", "flag", "text"],
    )


def write(path, batches, options=None):
    with ipc.new_file(path, batches[0].schema, options=options) as writer:
        for batch in batches:
            writer.write_batch(batch)


# (a) pyarrow: two record batches, uncompressed.
write("pyarrow-fixture.arrow", [pyarrow_batch(0, 5), pyarrow_batch(5, 7)],
      ipc.IpcWriteOptions(compression=None))

# (c) pyarrow with ZSTD buffer compression: the reader must refuse it clearly.
write("pyarrow-zstd-fixture.arrow", [pyarrow_batch(0, 5)], ipc.IpcWriteOptions(compression="zstd"))

# (b) DuckDB's own Arrow export of a query result; pyarrow only frames it as an IPC file.
result = duckdb.sql(
    "SELECT range AS i, range * 0.5::DOUBLE AS x, "
    "CASE WHEN range % 3 = 0 THEN NULL ELSE 'v' || range END AS s, "
    "range % 2 = 0 AS b FROM range(1000)")
exported = result.to_arrow_table() if hasattr(result, "to_arrow_table") else result.fetch_arrow_table()
if isinstance(exported, pa.RecordBatchReader):
    exported = exported.read_all()
print("duckdb schema:", exported.schema)
write("duckdb-fixture.arrow", exported.to_batches(), ipc.IpcWriteOptions(compression=None))
