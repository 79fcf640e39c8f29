#!/usr/bin/env python3
"""Classes a fresh worker made or loaded outside its AOT cache during its first run.

  bench/first-run-classes.py DIR

DIR holds each worker's '-Xlog:class+load=info:file=DIR/%p.log:timenanos' and the workers'
run trace DIR/trace (-Dshard.worker.trace): both on CLOCK_MONOTONIC, so the classes a worker
loaded between its first RunSetup frame and its second are its first run's. A class the JDK
spins at first use (method-handle forms, a pattern switch's or a record method's bootstrap)
is work the cache does not spare a first run; unlike wall time, the count does not move with
the machine's load. Prints per worker the count from the cache and the rest by kind.
"""
import collections
import os
import re
import sys


def setup_times(trace_file):
    """pid -> {run: nanos of got-RunSetup}"""
    times = collections.defaultdict(dict)
    for line in open(trace_file):
        head, _, body = line.partition(":")
        match = re.match(r"worker (\d+) pid (\d+) run (\d+)", head)
        if not match:
            continue
        for token in body.split():
            step = re.match(r"got-RunSetup@(\d+)", token)
            if step:
                times[match.group(2)][int(match.group(3))] = int(step.group(1))
    return times


def main(directory):
    for pid, runs in sorted(setup_times(os.path.join(directory, "trace")).items()):
        log = os.path.join(directory, pid + ".log")
        if 1 not in runs or not os.path.exists(log):
            continue
        low, high = runs[1], runs.get(2, float("inf"))
        cached, made = 0, collections.Counter()
        for line in open(log):
            match = re.match(r"\[(\d+)ns\] (\S+) source: (.*)", line)
            if not match or not low <= int(match.group(1)) < high:
                continue
            if "shared objects file" in match.group(3):
                cached += 1
            else:
                made[match.group(2).split("/")[0]] += 1
        print(f"worker pid {pid}: first run loaded {cached} classes from the AOT cache, "
              f"{sum(made.values())} made or loaded elsewhere")
        for name, count in made.most_common():
            print(f"    {count:3d} {name}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: first-run-classes.py DIR (see the docstring)")
    main(sys.argv[1])
