"""The evaluation workbench: the synthetic corpus generator, the labelled datasets, the quality
measures and the evaluation runs that score the pipeline against them.

It sits beside the product, not in it: it imports the pipeline (``flows``, ``warehouse``,
``wiretrace``) to run and score it; nothing in the product imports the workbench, and only
``benchmarks/`` and the tests build on it.
"""
