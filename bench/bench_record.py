"""The result line that bench/*.py peers print for the Java benchmarks to read.

One tab-separated line in the format of org.resnet4j.bench.BenchmarkRecord:
    bench-result  ENGINE  BATCH  MEDIAN_MS  MIN_MS  RUNS  NETWORK
preceded, on standard error, by the same figures for a person to read.
"""
import statistics
import sys


def print_result(engine, label, network, batch, samples, extra=""):
    """Prints the summary of `samples` (milliseconds per batch) to stderr and the record line to stdout."""
    median = statistics.median(samples)
    fastest = min(samples)
    print(f"{label}: median {median:.1f} ms, min {fastest:.1f} ms, {median / batch:.1f} ms/image, "
          f"{batch * 1000.0 / median:.2f} images/s ({len(samples)} runs){extra}", file=sys.stderr)
    print(f"bench-result\t{engine}\t{batch}\t{median:.3f}\t{fastest:.3f}\t{len(samples)}\t{network}", flush=True)
