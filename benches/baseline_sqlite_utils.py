#!/usr/bin/env python3
"""The loader a user would write without archdb, for the seed benchmark.

Reads every page, splits it into documents at heading-like lines, inserts
sources and documents with sqlite-utils, finds the reference data's person
and country names with one regex alternation, inserts the mentions, and
enables FTS5 on the documents. No date, classification, party or citation
parsing: this is the floor a hand-written script reaches, not a rival
product.

usage: baseline_sqlite_utils.py CORPUS_DIR REFERENCE_DIR DB
"""

import csv
import hashlib
import os
import re
import sys

import sqlite_utils

HEADING = re.compile(
    r"^(?:From[:;]?\s|from\s|Telegram|Recording|Record|Letter|Note|Talk|Conversation|Statement|Treaty|Report"
    r"|[A-Z][a-z]+ \d{1,2}, \d{4}, telegram)",
    re.M,
)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def pages(root):
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".txt", ".htm", ".html")):
                yield os.path.join(folder, name)


def main():
    corpus, ref, db_path = sys.argv[1:4]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            os.remove(db_path + suffix)
    db = sqlite_utils.Database(db_path)

    names = {}
    for a in read_csv(os.path.join(ref, "person_aliases.csv")):
        names.setdefault(a["alias"], ("person", a["person_id"]))
    for a in read_csv(os.path.join(ref, "country_aliases.csv")):
        names.setdefault(a["alias"], ("country", a["country_id"]))
    # Longest first, so "Great Britain" wins over "Britain".
    alternation = re.compile(
        r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b"
    )

    sources, documents, mentions = [], [], []
    doc_id = 0
    db["sources"].create({"id": int, "path": str, "sha256": str, "bytes": int, "text": str}, pk="id")
    db["documents"].create({"id": int, "source_id": int, "seq": int, "heading": str, "body": str}, pk="id",
                           foreign_keys=[("source_id", "sources", "id")])
    db["mentions"].create({"id": int, "document_id": int, "kind": str, "key": str, "start": int, "end": int,
                           "surface": str}, pk="id", foreign_keys=[("document_id", "documents", "id")])

    def flush():
        db["sources"].insert_all(sources)
        db["documents"].insert_all(documents)
        db["mentions"].insert_all(mentions)
        sources.clear()
        documents.clear()
        mentions.clear()

    with db.conn:
        for source_id, path in enumerate(pages(corpus), start=1):
            raw = open(path, "rb").read()
            text = raw.decode("utf-8", errors="replace")
            sources.append({"id": source_id, "path": os.path.relpath(path, corpus),
                            "sha256": hashlib.sha256(raw).hexdigest(), "bytes": len(raw), "text": text})
            starts = [m.start() for m in HEADING.finditer(text)] or [0]
            for seq, (a, b) in enumerate(zip(starts, starts[1:] + [len(text)]), start=1):
                chunk = text[a:b]
                heading, _, body = chunk.partition("\n")
                doc_id += 1
                documents.append({"id": doc_id, "source_id": source_id, "seq": seq, "heading": heading,
                                  "body": body})
                for m in alternation.finditer(body):
                    kind, key = names[m.group(0)]
                    mentions.append({"document_id": doc_id, "kind": kind, "key": key, "start": m.start(),
                                     "end": m.end(), "surface": m.group(0)})
            if len(documents) >= 1000:
                flush()
        flush()
    db["mentions"].create_index(["document_id"])
    db["documents"].enable_fts(["heading", "body"], create_triggers=True)
    print(f"baseline: {db['documents'].count} documents, {db['mentions'].count} mentions")


if __name__ == "__main__":
    main()
