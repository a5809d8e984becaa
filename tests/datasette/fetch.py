"""Fetch canned-query results from Datasette in-process, without a server.

Usage: python fetch.py DB METADATA PATH...
Prints one JSON object {path: rows} where rows is what
GET PATH (with _shape=array) returns, or {"error": ..., "status": ...}.
"""
import asyncio
import json
import sys

from datasette.app import Datasette


async def main(db, metadata_path, paths):
    with open(metadata_path, encoding="utf-8") as f:
        metadata = json.load(f)
    ds = Datasette(files=[db], metadata=metadata)
    startup = getattr(ds, "invoke_startup", None)
    if startup is not None:
        await startup()
    out = {}
    for path in paths:
        response = await ds.client.get(path)
        if response.status_code != 200:
            out[path] = {"status": response.status_code, "error": response.text[:2000]}
        else:
            out[path] = response.json()
    json.dump(out, sys.stdout, ensure_ascii=False)


asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
