#!/usr/bin/env python3
"""Samples the worker JVMs of a driver process: each worker's peak private memory (RssAnon) and
the most of it that was outside the heap (RssAnon less the anonymous pages of the heap's mapping,
found as the mapping exactly -Xmx in size), with the largest other mappings at that moment.

Usage: bench/worker-non-heap.py <driver pid>   (runs until the driver exits; workers need -Xmx,
which sessions with a memory budget give them). Example, next to bench/TunedStageMemory:
    java ... dev.shard.bench.TunedStageMemory 400 8000000 & bench/worker-non-heap.py $!
"""
import os
import re
import sys
import time

MAPPING_START = re.compile(r'\n(?=[0-9a-f]+-[0-9a-f]+ )')


def children(parent):
    found = []
    for name in os.listdir('/proc'):
        if name.isdigit():
            try:
                if int(open(f'/proc/{name}/stat').read().rsplit(')', 1)[1].split()[1]) == parent:
                    found.append(int(name))
            except (OSError, IndexError, ValueError):
                pass
    return found


def max_heap_kib(pid):
    for argument in open(f'/proc/{pid}/cmdline').read().split('\0'):
        match = re.fullmatch(r'-Xmx(\d+)m', argument)
        if match:
            return int(match.group(1)) * 1024
    return None


def field(block, name):
    match = re.search(rf'^{name}:\s+(\d+) kB', block, re.M)
    return int(match.group(1)) if match else 0


def sample(pid, records):
    limit = max_heap_kib(pid)
    anonymous = int(re.search(r'RssAnon:\s+(\d+)', open(f'/proc/{pid}/status').read()).group(1))
    blocks = MAPPING_START.split(open(f'/proc/{pid}/smaps').read())
    heap = sum(field(block, 'Anonymous') for block in blocks if limit and field(block, 'Size') == limit)
    record = records.setdefault(pid, {'limit': limit, 'peak': 0, 'outside': 0, 'mappings': []})
    record['peak'] = max(record['peak'], anonymous)
    if heap and anonymous - heap > record['outside']:
        record['outside'] = anonymous - heap
        others = [(field(block, 'Anonymous'), block.split('\n')[0][:90]) for block in blocks
                  if field(block, 'Size') != limit and field(block, 'Anonymous') > 1024]
        record['mappings'] = sorted(others, reverse=True)[:8]


def main():
    driver = int(sys.argv[1])
    records = {}
    while os.path.exists(f'/proc/{driver}'):
        for pid in children(driver):
            try:
                sample(pid, records)
            except (OSError, AttributeError):
                pass  # the worker ended between listing and reading
        time.sleep(0.2)
    for pid, record in records.items():
        print(f"worker pid {pid}: -Xmx {record['limit'] and record['limit'] // 1024} MiB, peak RssAnon "
              f"{record['peak'] / 1024:.1f} MiB, most outside the heap {record['outside'] / 1024:.1f} MiB")
        for kib, mapping in record['mappings']:
            print(f"    {kib / 1024:6.1f} MiB  {mapping}")


if __name__ == '__main__':
    main()
