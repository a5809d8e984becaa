#!/usr/bin/env python3
"""Russian case forms of surnames, as a machine translation from Russian prints them.

A translation from Russian often keeps the case ending of a surname:
"talked with Litvinovym", "the note of Maiskogo", "Suritsa said". Every such
form the resolver should know is an explicit row of person_aliases.csv (kind
`inflected`): endings are never stripped by rule at match time. This script
writes the regular ones, so that they need not be typed by hand:

- a surname in -sky/-skiy/-skii/-ski (Maisky, Sikorski): -skogo, -skomu, -skim, -skom;
- a Slavic surname in -ov/-ev/-in/-yn (Litvinov, Stalin; not -ein: Shtein): -a, -u, -ym, -e;
- any other surname ending in a consonant (Eden, Alkend, Papen): -a, -u, -om, -e,
  and -em for the instrumental after ts/ch/sh/zh (Surits: Suritsem).

It reads every `surname` alias of plain ASCII letters (one word, hyphens allowed) in
person_aliases.csv. Surnames ending in a vowel, in -y, -j or -c, and persons in
SKIP_PERSONS are left alone; forms in SKIP_FORMS (English words, other names) are
never written. Hand-written `inflected` rows may exist besides these.

    python3 seed/reference/inflect.py --check   # exit 1 and list the missing rows
    python3 seed/reference/inflect.py --write   # append the missing rows

tests/reference_data.rs runs --check, so the CSV always holds what this script produces.
"""

import csv
import re
import sys
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent

# Countries whose surnames in -ov/-ev/-in are Slavic (instrumental -ym, not -om).
SLAVIC = {"ussr", "rsfsr", "ukraine", "belorussia", "bulgaria", "far_eastern_republic"}

# Persons whose surname declines irregularly or not at all in Russian, or whose
# bare surname is too common to inflect.
SKIP_PERSONS = {
    "boris_iii",  # "Boris III": a regnal name
    "zog",  # Zog: Zogu is his real name, not a case form
}

# Forms that are ordinary English words or other people's names: never aliases.
SKIP_FORMS = {
    "Simone", "Simona", "Paula", "Lenina", "Stalina", "Bluma", "Mandela", "Beckom",
    "Hulla", "Hulle", "Marta", "Rosa", "Laura", "Dilla", "Dille", "Dillu", "Dillom",
    "Tanaka", "Berlina", "Hessa", "Hesse", "Strange",
}

ENDINGS_SKY = ("ogo", "omu", "im", "om")
ENDINGS_SLAVIC = ("a", "u", "ym", "e")
ENDINGS_HARD = ("a", "u", "om", "e")
ENDINGS_SOFT = ("a", "u", "em", "e")

WORD = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)*$")
CONSONANT = set("bdfghklmnpqrstvwxz")


def forms(surname: str, country: str) -> list:
    """The case forms of one surname (genitive, dative, instrumental, prepositional)."""
    if not WORD.match(surname) or len(surname) < 4:
        return []
    low = surname.lower()
    for ending in ("skiy", "skii", "sky", "ski"):
        if low.endswith(ending):
            stem = surname[: len(surname) - len(ending)] + "sk"
            return [stem + e for e in ENDINGS_SKY]
    if low[-1] not in CONSONANT:
        return []
    if low.endswith(("ov", "ev", "in", "yn")) and not low.endswith("ein") and country in SLAVIC:
        return [surname + e for e in ENDINGS_SLAVIC]
    if low.endswith(("ts", "ch", "sh", "zh", "tz")):
        return [surname + e for e in ENDINGS_SOFT]
    return [surname + e for e in ENDINGS_HARD]


def read(name: str) -> list:
    with open(REFERENCE / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def wanted_rows() -> list:
    """Every (person_id, form) the script produces, in file order."""
    persons = {r["id"]: (r["country_id"] or "") for r in read("persons.csv")}
    aliases = read("person_aliases.csv")
    # A form that is another person's alias (of any kind) or any person's
    # non-inflected alias is left out: the resolver must not be misled.
    taken = {}
    for r in aliases:
        if r["kind"] != "inflected":
            taken.setdefault(r["alias"], set()).add(r["person_id"])
    out = []
    seen = set()
    for r in aliases:
        pid = r["person_id"]
        if r["kind"] != "surname" or pid in SKIP_PERSONS:
            continue
        for form in forms(r["alias"], persons.get(pid, "")):
            if form in SKIP_FORMS or form in taken or (pid, form) in seen:
                continue
            seen.add((pid, form))
            out.append((pid, form))
    return out


def main(argv: list) -> int:
    if len(argv) != 2 or argv[1] not in ("--check", "--write"):
        print(__doc__.strip().splitlines()[0])
        print("usage: inflect.py --check | --write", file=sys.stderr)
        return 2
    present = {(r["person_id"], r["alias"]) for r in read("person_aliases.csv")}
    missing = [row for row in wanted_rows() if row not in present]
    if argv[1] == "--check":
        for pid, form in missing:
            print(f"person_aliases.csv lacks {pid},{form},inflected,exact")
        if missing:
            print(
                f"{len(missing)} inflected form(s) missing: run "
                "python3 seed/reference/inflect.py --write",
                file=sys.stderr,
            )
            return 1
        return 0
    with open(REFERENCE / "person_aliases.csv", "a", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        for pid, form in missing:
            w.writerow([pid, form, "inflected", "exact"])
    print(f"wrote {len(missing)} inflected form(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
