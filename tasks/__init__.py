"""Prefect tasks: each reads its inputs, calls one core function, writes, and logs counts.

Tasks receive the path of the run's working copy of the warehouse, never a connection
(connections cannot be hashed or sent to workers). Retries only on transient I/O errors.
"""
