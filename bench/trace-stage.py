#!/usr/bin/env python3
"""Per-worker timeline of an engine stage from the workers' run trace.

  EngineRepeat ... -Dshard.worker.trace=TRACE > OUT;  bench/trace-stage.py [--skip n] [--quiet] OUT TRACE...

Several OUT TRACE pairs (runs of one build) are summed up together; --skip n leaves out each
pair's first n queries (warm-ups), --quiet prints the medians only.

OUT holds 'query <run> nanos <start> <end>' lines (the driver's query bounds) and TRACE the
workers' steps on the same clock (CLOCK_MONOTONIC). For each query after the first, prints
per worker: the set-up (received after the query start, decoding), the first shard's start,
each shard's compute and result encoding, the gaps between shards, the last part sent, and
what is left of the query after the last worker's last send (the driver's merge and plan).
"""
import re
import statistics
import sys


def main(out_file, trace_file, summary, skip=0, quiet=False):
    queries = []
    for line in open(out_file):
        m = re.match(r"query (\d+) nanos (\d+) (\d+)", line)
        if m:
            queries.append((int(m.group(1)), int(m.group(2)), int(m.group(3))))
    workers = []
    for line in open(trace_file):
        head, _, body = line.partition(":")
        steps = []
        for token in body.split():
            m = re.match(r"([\w-]+)(?:\[(\d+)\])?@(\d+)", token)
            steps.append((m.group(1), int(m.group(2)) if m.group(2) else -1, int(m.group(3))))
        workers.append((head, steps))
    for run, start, end in queries[skip:]:
        inside = [(head, [s for s in steps if start <= s[2] <= end]) for head, steps in workers]
        inside = [(head, steps) for head, steps in inside if steps]
        ms = lambda nanos: (nanos - start) / 1e6
        last_sent = 0
        first_setup = None
        busiest = 0
        summary.setdefault("wall", []).append((end - start) / 1e6)
        print(f"query {run}: wall {(end - start) / 1e6:.1f} ms")
        for head, steps in inside:
            at = {}
            for name, shard, nanos in steps:
                at.setdefault((name, shard), nanos)
            setup = at.get(("got-RunSetup", -1))
            ready = at.get(("set-up", -1))
            shards = sorted({shard for name, shard, _ in steps if name == "start"})
            parts = [f"  {head.split(' run')[0]}: setup got {ms(setup):.1f} ready {ms(ready):.1f}"
                     if setup and ready else f"  {head}:"]
            previous = ready
            busy = 0
            if setup:
                first_setup = setup if first_setup is None else min(first_setup, setup)
            for shard in shards:
                s, e = at[("start", shard)], at[("end", shard)]
                enc = at.get(("encoded", shard), e)
                gap = (s - previous) / 1e6 if previous else 0
                got = at.get(("got-TaskBatch", shard))
                send, sent = at.get(("send", shard)), at.get(("sent", shard))
                send_ms = (sent - send) / 1e6 if send and sent else 0
                frames = [(n, i) for n, i, t in [(x[2], x[1], x[2]) for x in steps if x[0] == "encoded-frame-bytes"]
                          if send and sent and send <= n <= sent]
                frame_bytes, encoded_at = (frames[0][1], frames[0][0]) if frames else (0, send)
                parts.append(f"    shard {shard}: gap {gap:.1f} compute {(e - s) / 1e6:.1f} encode {(enc - e) / 1e6:.1f}"
                             f" send {send_ms:.1f} (frame {frame_bytes / 1e6:.2f} MB encoded in {(encoded_at - send) / 1e6 if send else 0:.1f}) (batch got {ms(got) if got else -1:.1f}, start {ms(s):.1f})")
                summary.setdefault("send", []).append(send_ms)
                summary.setdefault("gap", []).append(gap)
                summary.setdefault("compute", []).append((e - s) / 1e6)
                summary.setdefault("encode", []).append((enc - e) / 1e6)
                previous = enc
                busy += enc - s
            busiest = max(busiest, busy)
            sends = [nanos for name, _, nanos in steps if name == "sent"]
            if sends:
                last_sent = max(last_sent, max(sends))
                parts.append(f"    last sent {ms(max(sends)):.1f}")
            if setup and ready:
                summary.setdefault("setup received", []).append(ms(setup))
                summary.setdefault("setup decode", []).append((ready - setup) / 1e6)
            print("\n".join(parts))
        if last_sent and first_setup:
            # The stage's span on the workers against the busiest worker's own shard time:
            # what is left is set-up, gaps between shards, sends and the other worker's lag.
            span = (last_sent - first_setup) / 1e6
            print(f"  stage span {span:.1f} ms, busiest worker's shards {busiest / 1e6:.1f} ms")
            summary.setdefault("span", []).append(span)
            summary.setdefault("span - busiest", []).append(span - busiest / 1e6)
        if last_sent:
            print(f"  after the last send: {(end - last_sent) / 1e6:.1f} ms")
            summary.setdefault("after last send", []).append((end - last_sent) / 1e6)


if __name__ == "__main__":
    args = sys.argv[1:]
    skip, quiet = 0, False
    while args and args[0].startswith("--"):
        if args[0] == "--skip":
            skip, args = int(args[1]), args[2:]
        elif args[0] == "--quiet":
            quiet, args = True, args[1:]
        else:
            sys.exit("usage: bench/trace-stage.py [--skip n] [--quiet] OUT TRACE [OUT TRACE...]")
    summary = {}
    real_stdout = sys.stdout
    if quiet:
        sys.stdout = open("/dev/null", "w")
    for pair in range(0, len(args), 2):
        main(args[pair], args[pair + 1], summary, skip, quiet)
    sys.stdout = real_stdout
    print("medians (ms): " + ", ".join(f"{k} {statistics.median(v):.2f}" for k, v in summary.items()))
