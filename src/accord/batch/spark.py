"""`accord batch` on Apache Spark: the per-report stages of `accord.batch.partition` over a
cluster's executors (or `local[N]` here), written as a Parquet dataset partitioned by table.

Files are listed here and read by the executors (so their paths must be the same there: a shared
or mounted file system); each file is one task of the reading stage, whose documents are then
spread over `batch_partitions` partitions for the costly stage (extraction, cleaning, spaCy).
PySpark is an optional extra (`pip install accord[spark]`) and needs Java 17.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

from pyspark.sql import SparkSession

from accord.batch.partition import (
    RAW_SCHEMA,
    TABLE_SCHEMA,
    TABLES,
    BatchOptions,
    analyse,
    input_files,
    read_files,
)
from accord.errors import ConfigError
from accord.settings import Settings

PARTITIONS_PER_CORE = 4  # small enough tasks that a slow report does not hold a core long


def run_batch(inputs: list[str], out: Path, settings: Settings) -> dict[str, int]:
    """Run the per-report stages of `inputs` on Spark into `out`; return the rows per table."""
    if out.exists():
        raise ConfigError(f"{out}: already exists; give `--out` a new folder")
    files = input_files(inputs)
    # Executors run the Python on PATH unless told: this one has accord and its model.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if settings.spark_master.startswith("local"):
        # This machine alone: the driver listens on loopback, not on the host's network address.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    options = BatchOptions(settings.max_article_bytes, settings.dedup_shingle)
    spark = (
        SparkSession.builder.master(settings.spark_master)
        .appName("accord batch")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    try:
        spark.sparkContext.setLogLevel("ERROR")
        partitions = settings.batch_partitions or (
            PARTITIONS_PER_CORE * spark.sparkContext.defaultParallelism
        )
        listed = spark.createDataFrame(
            [(n, str(path)) for n, path in enumerate(files)], "file long, path string"
        ).repartition(max(1, len(files)))
        raw = listed.mapInPandas(
            partial(read_files, max_bytes=options.max_article_bytes), RAW_SCHEMA
        )
        tables = raw.repartition(partitions).mapInPandas(
            partial(analyse, options=options), TABLE_SCHEMA
        )
        tables.write.partitionBy("table").parquet(str(out))
        counts = dict.fromkeys(TABLES, 0)
        for row in spark.read.parquet(str(out)).groupBy("table").count().collect():
            counts[row["table"]] = row["count"]
        return counts
    finally:
        spark.stop()
