#!/usr/bin/env python3
"""Whole-engine W2 (or W3) A/B: bench/EngineRepeat from each build in turn, round after round
(every other round in reverse order), so all builds see the same load. Per build: the median,
p25 and p75 wall time per query after the warm-ups, and the CPU time of the whole process tree
(driver and workers, start-up included, the same for every build) per query.

  bench/w2-wall-ab.py [--rounds n] [--runs n] [--warm-ups n] [--workload w2|w3] label=jar[:-Dprop=v,...] ...
"""
import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def jdk():
    return subprocess.run(["bash", "-c", f". {root}/bin/find-jdk.sh; shard_find_jdk"], capture_output=True,
                          text=True, check=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--warm-ups", type=int, default=5)
    parser.add_argument("--workload", default="w2")
    parser.add_argument("builds", nargs="+")
    args = parser.parse_args()
    java = os.path.join(jdk(), "bin", "java")
    walls = {}
    cpus = {}
    builds = []
    for entry in args.builds:
        label, _, rest = entry.partition("=")
        jar, _, props = rest.partition(":")
        builds.append((label, jar, [p for p in props.split(",") if p]))
        walls[label] = []
        cpus[label] = []
    for round_ in range(1, args.rounds + 1):
        order = builds if round_ % 2 else list(reversed(builds))
        for label, jar, props in order:
            load = open("/proc/loadavg").read().split()[:3]
            env = dict(os.environ)
            # Properties reach the workers too: they inherit the tool options.
            if props:
                env["JAVA_TOOL_OPTIONS"] = " ".join(props)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            out = subprocess.run([java, "--add-opens=java.base/java.nio=ALL-UNNAMED",
                                  "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                                  "-Xmx4g", "-cp", jar, "dev.shard.bench.EngineRepeat", args.workload, "generated",
                                  str(args.runs)], capture_output=True, text=True, env=env)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if out.returncode != 0:
                sys.exit(f"{label} failed:\n{out.stdout}\n{out.stderr}")
            times = [float(m) for m in re.findall(r"wall ([0-9.]+) ms", out.stdout)][args.warm_ups:]
            cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1e3 / args.runs
            walls[label] += times
            cpus[label].append(cpu)
            print(f"round {round_} {label} (load {' '.join(load)}): median {statistics.median(times):.1f} ms, "
                  f"min {min(times):.1f}, max {max(times):.1f}; tree CPU {cpu:.1f} ms per query", flush=True)
    print(f"{args.workload}: wall per query after {args.warm_ups} warm-ups, {args.rounds} rounds of {args.runs} runs")
    for label, _, _ in builds:
        w = sorted(walls[label])
        q = statistics.quantiles(w, n=4)
        print(f"  {label}: median {statistics.median(w):.1f} ms, p25 {q[0]:.1f}, p75 {q[2]:.1f}, min {w[0]:.1f}, "
              f"n {len(w)}; tree CPU per query (start-up included) median {statistics.median(cpus[label]):.1f} ms")


if __name__ == "__main__":
    main()
