#!/usr/bin/env python3
"""Deterministic synthetic corpus for the archdb seed benchmark.

Writes pages in the collection's format (see ../shared/CORPUS.md): site
boilerplate in its layouts, then 1-3 documents of about 3 KB each, with the
heading, date, classification, priority, "Sent to", footnote, print-note and
citation variants of the real collection, and about 30 person and country
names per document drawn from the project's reference data
(seed/reference/*.csv), so the benchmark exercises the real matcher.

The same arguments always give the same bytes: every chunk of pages has its
own random generator seeded from (seed, chunk), so the output does not depend
on the number of worker processes. Standard library only.

usage: gen_corpus.py --docs N --out DIR [--reference DIR] [--seed S] [--jobs J]
"""

import argparse
import csv
import hashlib
import os
import random
import sys
from multiprocessing import Pool

PAGES_PER_CHUNK = 500
FILES_PER_FOLDER = 1000
DOC_TARGET_BYTES = 3000
MENTIONS_PER_DOC = 30

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

TITLE = "Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941"
NAV = "Marx-Engels |  Lenin  | Stalin |  Home Page"
SUBTITLE = ("Concentrated on 1st and  2nd WW Correspondence and Meetings related to Turkey, "
            "Balkans and Iran, with some additions from Afghanistan and India.")

POSITIONS = [
    "the plenipotentiary representative of the USSR in {c}",
    "the people's commissar for foreign affairs",
    "the peopleʹs commissioner of foreign affairs of the RSFSR",
    "the charge d'affaires of the USSR in {c}",
    "the temporary attorney of the USSR in {c}",
    "the interim attorney in {c}",
    "the minister of foreign affairs of {c}",
    "the ambassador of {c} in the USSR",
    "the deputy people's commissar for foreign affairs",
    "the envoy of {c}",
]

RECIPIENTS = [
    "the NKID of the USSR",
    "the people's commissariat of foreign affairs of the USSR",
    "the general secretariat",
    "the central committee",
]

# Body sentences, written for this benchmark in the collection's style.
# {p} is a person, {c} a country name as the reference data spells it.
SENTENCES = [
    "In the conversation {p} remarked that the government of {c} was watching the situation closely.",
    "I told {p} that our relations with {c} rested on the treaty and on nothing else.",
    "{p} asked whether the Soviet government would object to talks between {c} and {c2}.",
    "According to {p}, the press of {c} had exaggerated the incident on the border.",
    "The envoy of {c} called on me and handed over a memorandum addressed to {p}.",
    "{p} said, not without irritation, that {c} could not accept such terms.",
    "We have information that {c} is buying arms from {c2} through third parties.",
    "I replied that the USSR pursued its own policy towards {c} and would continue to do so.",
    "{p} repeated twice that his government wanted normal relations with the USSR.",
    "The question of the straits was raised again by {p}, who referred to the position of {c}.",
    "It is known that {p} met the representatives of {c} in the capital last week.",
    "The minister complained about the attitude of {c} and asked me to inform {p}.",
    "{p} promised to give an answer after consulting the cabinet and the ambassador of {c}.",
    "Trade between the USSR and {c} fell during the last quarter, as {p} admitted.",
    "The newspapers of {c} published an article hostile to {c2}, which {p} disavowed.",
    "At the end of the talk {p} expressed the hope that the negotiations would resume soon.",
]
FILLER = [
    "The conversation lasted about an hour.",
    "I did not consider it necessary to answer this remark.",
    "Further details will follow by courier.",
    "The atmosphere of the talk was friendly.",
    "On the whole the situation remains tense.",
]

SIGNATURES = ["Plenipotentiary", "Charge d'affaires", "Polpred"]
PRINT_NOTES = ["Pgchat. About arch.", "Print. By srh.", "Print. By architect."]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_reference(ref_dir):
    """Names to draw from: (person aliases, person display names, country aliases)."""
    try:
        persons = read_csv(os.path.join(ref_dir, "persons.csv"))
        person_aliases = read_csv(os.path.join(ref_dir, "person_aliases.csv"))
        country_aliases = read_csv(os.path.join(ref_dir, "country_aliases.csv"))
    except FileNotFoundError as err:
        sys.exit(f"gen_corpus: {err.filename} is missing; pass --reference DIR holding the reference CSVs "
                 f"(persons.csv, person_aliases.csv, country_aliases.csv)")
    p_alias = sorted({a["alias"] for a in person_aliases if a.get("alias")})
    p_names = sorted({p["name"] for p in persons if p.get("name")})
    # Country names as a user would write them: names, short forms and the
    # lowercase variants the collection has ("japan", "china").
    c_alias = sorted({a["alias"] for a in country_aliases
                      if a.get("alias") and a.get("kind") in ("name", "short", "variant", "former_name", "")})
    if not c_alias:
        c_alias = sorted({a["alias"] for a in country_aliases if a.get("alias")})
    if not p_alias or not p_names or not c_alias:
        sys.exit(f"gen_corpus: the reference data in {ref_dir} has no person or country names")
    return p_alias, p_names, c_alias


def date_line(r, year):
    month = r.randrange(12)
    day = r.randint(1, 28)
    m = MONTHS[month]
    v = r.random()
    iso = (year, month + 1, day)
    if 1921 <= year <= 1923 and v < 0.3:
        number = r.choice([str(r.randint(1, 999)), f"{r.randint(1, 30)}/{r.randint(100, 999)}", f"{r.randint(100, 999)}‐a"])
        if r.random() < 0.3:
            return f"{r.choice(['Lausanne', 'Genoa', 'Angora'])}, {m} {day}, {year} No. {number}", iso
        return f"{m} {day}, {year} no. {number}", iso
    if v < 0.40:
        return f"{m} {day}, {year}", iso
    if v < 0.55:
        return f"{day} {m} {year}", iso
    if v < 0.62:
        return f"{day} {m.lower()} {year}", iso
    if v < 0.70:
        return f"Out of line {day} {m} {year}", iso
    if v < 0.78:
        return f"{m} {day}‐{min(day + r.randint(1, 6), 28)}, {year}", iso
    if v < 0.85:
        return f"{m} {year}", iso
    if v < 0.90:
        return f"{year} g on {m} {day}.", iso
    return f"{m} {day}, {year}", iso


def classification(r, year):
    if year < 1938 and r.random() < 0.7:
        return None
    return r.choice(["secret", "Secret", "top secret", "Top secret", "Top Secret",
                     "Top secret special folder", "Soviet secret", "Top. Secret special stick"])


def heading(r, p_names, c_alias, year, date_text):
    author = r.choice(p_names)
    pos = r.choice(POSITIONS).format(c=r.choice(c_alias))
    other = r.choice(p_names)
    family = r.random()
    extract = r.random() < 0.2
    prefix = r.choice(["From: ", "From:  ", "From; ", "From a ", "from "]) if extract else ""
    if family < 0.35:
        h = f"{prefix}{'t' if extract else 'T'}elegram of {pos} {author} to {r.choice(RECIPIENTS)}"
    elif family < 0.55:
        h = f"{prefix}{'r' if extract else 'R'}ecording of the conversation of {pos} {author} with {other}"
    elif family < 0.65:
        h = f"{prefix}{'l' if extract else 'L'}etter from {pos} {author} to {other}"
    elif family < 0.72:
        h = f"Note of {pos} {author} to {r.choice(RECIPIENTS)}"
    elif family < 0.78:
        h = f"Talk of {pos} {author} with {other}"
    elif family < 0.83:
        h = f"From the diary of {pos} {author}"
    elif family < 0.87:
        h = f"{date_text}, telegram from {pos} {author}"
    elif family < 0.91:
        h = f"{author} to the people's commissariat of foreign affairs of the USSR"
    elif family < 0.95:
        h = f"Statement of {pos} {author}. {date_text}"
    else:
        h = f"Conversation of {author} with {other}"
    if r.random() < 0.08:  # split over two lines, the name on the next one
        cut = h.rfind(" ")
        h = h[:cut] + "\n" + h[cut + 1:]
    if r.random() < 0.1:
        h += " *"
    if r.random() < 0.05:
        h += " "
    return h


def citation(r):
    fond = r.choice(["059", "05", "59", "010", "0136"])
    op, p, d = r.randint(1, 40), r.randint(1, 400), r.randint(1, 900)
    a = r.randint(1, 300)
    sheets = f"{a}‐{a + r.randint(1, 9)}" if r.random() < 0.7 else str(a)
    v = r.random()
    if v < 0.35:
        return f"avprf, f.{fond}, op.{op}, p.{p}, d.{d}, l.{sheets}."
    if v < 0.55:
        return f"avp rf, f.{fond}, op.{op}, p.{p}, d.{d}, l.{sheets}."
    if v < 0.70:
        return f"Avp rf, f. {fond}, on. {op}, p. {p}, d. {d}, l. {sheets}."
    if v < 0.80:
        return f"AVP RF, f. {fond}, op. {op}, p. {p}, d. {d}, l. {sheets}."
    if v < 0.88:
        return f"RGASPI. F. 17. Op. {op}. D. {d}. L. {sheets}."
    if v < 0.94:
        return f"FPARF, f. {fond}, inv. {op}, fold. {p}, file {d}, p. {sheets}."
    return f"Publ.: Foreign policy of the USSR. t. {r.choice(['I', 'II', 'III', 'IV'])}. s. {a}‐{a + 2}."


def body(r, p_alias, c_alias, footnote_markers):
    # About MENTIONS_PER_DOC names in sentences, the rest plain filler, shuffled
    # so that names are spread over the whole body.
    parts = []
    size = 0
    mentions = 0
    while mentions < MENTIONS_PER_DOC:
        t = r.choice(SENTENCES)
        mentions += t.count("{")
        parts.append(t.format(p=r.choice(p_alias), c=r.choice(c_alias), c2=r.choice(c_alias)))
        size += len(parts[-1]) + 1
    while size < DOC_TARGET_BYTES - 400:
        parts.append(r.choice(FILLER))
        size += len(parts[-1]) + 1
    r.shuffle(parts)
    if footnote_markers:
        for _ in range(r.randint(1, 3)):
            i = r.randrange(len(parts))
            parts[i] = parts[i][:-1] + r.choice(["*", "**", "255", "[1]"]) + parts[i][-1]
    # Paragraphs of 3-6 sentences, elision rows between some of them.
    out = []
    i = 0
    while i < len(parts):
        n = r.randint(3, 6)
        out.append(" ".join(parts[i:i + n]))
        i += n
        if i < len(parts) and r.random() < 0.15:
            out.append("." * r.randint(2, 15))
    return out


def document(r, refs):
    p_alias, p_names, c_alias = refs
    year = r.randint(1919, 1941)
    dline, _ = date_line(r, year)
    lines = [heading(r, p_names, c_alias, year, dline)]
    if year >= 1940 and r.random() < 0.5:
        names = ", ".join(f"{r.choice(['comrade', 'c.'])} {r.choice(p_alias)}" for _ in range(r.randint(1, 3)))
        extra = ", general secretariat" if r.random() < 0.3 else ""
        lines.append(f"{r.choice(['Sent to', 'Sent out to'])} {names}{extra}")
    cls = classification(r, year)
    if cls and r.random() < 0.5:
        lines.append(f"{dline}{r.choice([' ', '  ', ', ', ' , '])}{cls}")
    else:
        lines.append(dline)
        if cls:
            lines.append(cls)
    footnotes = r.random() < 0.3
    lines.extend(body(r, p_alias, c_alias, footnotes))
    signer = r.choice(p_alias)
    cite = citation(r)
    if r.random() < 0.15:
        lines.append(f"{signer} {cite}")  # signature glued to the citation
    else:
        if r.random() < 0.3:
            lines.append(r.choice(SIGNATURES))
        lines.append(signer)
        if r.random() < 0.3:
            lines.append(r.choice(PRINT_NOTES))
        if footnotes:
            lines.append(f"* see doc. no. {r.randint(1, 400)}.")
            if r.random() < 0.5:
                lines.append(f"** means {r.choice(c_alias)}.")
        lines.append(cite)
    return lines


def boilerplate(r):
    layout = r.randrange(6)
    if layout == 0:  # no blank lines at all, title glued to the subtitle
        return [TITLE, NAV, TITLE + SUBTITLE, "Download PDF"], "\n"
    blocks = [TITLE, NAV, "  " + TITLE, SUBTITLE, "Download PDF"]
    sep = {1: "\n\n", 2: "\n \n", 3: "\n\u00a0\n", 4: "\n\n\n", 5: "\n\n"}[layout]
    return blocks, sep


def page(r, refs, ndocs):
    head, sep = boilerplate(r)
    docs = [document(r, refs) for _ in range(ndocs)]
    out = [sep.join(head), sep]
    for i, d in enumerate(docs):
        out.append(sep.join(d))
        out.append(sep)
        if i + 1 < ndocs and r.random() < 0.3:
            out.append("." * r.randint(2, 15) + sep)
    return "".join(out)


def chunk_seed(seed, chunk):
    return int.from_bytes(hashlib.sha256(f"{seed}:{chunk}".encode()).digest()[:8], "big")


def plan(seed, docs):
    """Documents per page, decided up front from one generator so that a
    corpus of N documents is the same whatever the chunking."""
    r = random.Random(seed)
    pages = []
    left = docs
    while left > 0:
        n = min(r.randint(1, 3), left)
        pages.append(n)
        left -= n
    return pages


def write_chunk(args):
    seed, chunk, counts, first_page, out_dir, refs = args
    r = random.Random(chunk_seed(seed, chunk))
    nbytes = 0
    for i, ndocs in enumerate(counts):
        n = first_page + i
        html = r.random() < 0.05
        text = page(r, refs, ndocs)
        folder = os.path.join(out_dir, f"{n // FILES_PER_FOLDER:03d}")
        os.makedirs(folder, exist_ok=True)
        if html:
            paras = "".join(f"<p>{escape(line)}</p>\n" for line in text.split("\n") if line.strip())
            data = f"<html><head><meta charset=\"utf-8\"><title>{TITLE}</title></head><body>\n{paras}</body></html>\n"
            name = f"page_{n:06d}.htm"
        else:
            data = text
            name = f"page_{n:06d}.txt"
        raw = data.encode("utf-8")
        nbytes += len(raw)
        with open(os.path.join(folder, name), "wb") as f:
            f.write(raw)
    return nbytes


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, required=True, help="number of documents")
    ap.add_argument("--out", required=True, help="output folder (created; must be empty or absent)")
    ap.add_argument("--reference", default=os.path.join(os.path.dirname(__file__), "..", "seed", "reference"))
    ap.add_argument("--seed", type=int, default=1941)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    refs = load_reference(a.reference)
    if os.path.isdir(a.out) and os.listdir(a.out):
        sys.exit(f"gen_corpus: {a.out} is not empty; remove it first")
    os.makedirs(a.out, exist_ok=True)
    counts = plan(a.seed, a.docs)
    tasks = []
    for chunk, start in enumerate(range(0, len(counts), PAGES_PER_CHUNK)):
        tasks.append((a.seed, chunk, counts[start:start + PAGES_PER_CHUNK], start, a.out, refs))
    with Pool(a.jobs) as pool:
        nbytes = sum(pool.map(write_chunk, tasks))
    print(f"{a.out}: {len(counts)} pages, {a.docs} documents, {nbytes} bytes")


if __name__ == "__main__":
    main()
