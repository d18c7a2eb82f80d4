#!/usr/bin/env python3
"""MAC/cycle per convolution class of GAP8 latency tables (edgenas JSON), side by side.

    scripts/gap8-table-macs.py TABLE.json [TABLE.json ...]

For each table: conv 3x3 (dense), depthwise 3x3 and conv 1x1 entries, aggregated as
sum(MACs) / sum(median cycles), with the number of entries, apart for kernels whose tensors fit
L1 and for those that ran from L2 (facts.kernelsFromL2), or "tiled" for a table re-timed inside whole
deployed networks (`edgenas table retime`, facts.timedIn). Cycles come
from the entries' `cycles` block (GAP8 tables store them), else ms x the table's compute clock.
Plain Python 3 (no packages), so it runs wherever the tables are.
"""
import json
import sys


def parse(key):
    parts = key.split(";")
    op, fields = parts[0], {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        fields[k] = v
    return op, fields


def dims(s):
    return [int(x) for x in s.split("x")]


def conv_class(op, f):
    if op not in ("conv", "dwconv"):
        return None, 0
    n, cin, _, _ = dims(f["in"].split(",")[0])
    _, cout, ho, wo = dims(f["out"])
    kh, kw = dims(f["k"])
    groups = int(f.get("g", "1"))
    macs = n * cout * ho * wo * (cin // groups) * kh * kw
    if op == "dwconv" or (groups == cin == cout and groups > 1):
        return ("dw 3x3" if (kh, kw) == (3, 3) else None), macs
    if groups != 1:
        return None, macs
    if (kh, kw) == (1, 1):
        return "conv 1x1", macs
    if (kh, kw) == (3, 3):
        return "conv 3x3", macs
    return None, macs


def summary(path):
    t = json.load(open(path))
    hz = t["provenance"]["clocksHz"]["compute"]
    facts = t["provenance"].get("facts") or {}
    from_l2 = set((facts.get("kernelsFromL2") or "").split())
    acc = {}
    for key, e in t["entries"].items():
        cls, macs = conv_class(*parse(key))
        if cls is None:
            continue
        cyc = e["cycles"]["median"] if e.get("cycles") else e["median"] * hz / 1000.0
        # a table re-timed in whole networks (table retime: facts.timedIn) times the tiled deploy, not L1 or L2
        where = " tiled" if facts.get("timedIn") else (" L2" if key in from_l2 else " L1")
        a = acc.setdefault(cls + where, [0, 0.0, 0])
        a[0] += macs
        a[1] += cyc
        a[2] += 1
    where = facts.get("gap8Platform", t["provenance"].get("platform"))
    return where, facts.get("gap8Latency"), acc


def main(paths):
    if not paths:
        print(__doc__.strip())
        return 2
    classes = [c + " " + m for c in ["conv 3x3", "dw 3x3", "conv 1x1"] for m in ("L1", "L2", "tiled")]
    print("| table | platform | " + " | ".join(c + " MAC/cycle (entries)" for c in classes) + " |")
    print("|---|---|" + "---|" * len(classes))
    for p in paths:
        where, lat, acc = summary(p)
        cells = []
        for c in classes:
            a = acc.get(c)
            cells.append("-" if not a else "%.2f (%d)" % (a[0] / a[1], a[2]))
        print("| %s | %s%s | %s |" % (p, where, "" if lat in (None, "true") else " (host time)", " | ".join(cells)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
