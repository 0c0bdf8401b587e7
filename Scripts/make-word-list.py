#!/usr/bin/env python3
"""Writes Sources/CMSRendering/Naming/WordList.swift: the fixed English vocabulary that cmsgen splits run-together
names with (`querydetailcallinfo` -> query detail call info).

The words are SCOWL's English and American word lists, lower-case ASCII only, without one-letter words: sizes 10
and 20 are the common words that names are split into; size 35 adds rarer words that only tell typos from words. SCOWL comes with Debian's `scowl` package (/usr/share/dict/scowl). The list is fixed:
it is never learnt from the pages, so adding a page can never rename another page's API.

    apt-get install scowl && python3 Scripts/make-word-list.py
"""
import os
import re

SCOWL = "/usr/share/dict/scowl"
def read(sizes):
    words = set()
    for size in sizes:
        for kind in ("english-words", "american-words"):
            path = os.path.join(SCOWL, f"{kind}.{size}")
            if not os.path.exists(path):
                continue
            with open(path, encoding="latin-1") as handle:
                for line in handle:
                    word = line.strip()
                    if re.fullmatch(r"[a-z]{2,}", word):
                        words.add(word)
    return words


def lines_of(words):
    lines = []
    line = ""
    for word in sorted(words):
        if len(line) + len(word) + 1 > 116:
            lines.append(line)
            line = ""
        line = word if not line else line + " " + word
    lines.append(line)
    return lines


common = read(("10", "20"))
rare = read(("35",)) - common

out = os.path.join(os.path.dirname(__file__), "..", "Sources", "CMSRendering", "Naming", "WordList.swift")
with open(out, "w") as handle:
    handle.write("// Written by Scripts/make-word-list.py from SCOWL (http://wordlist.aspell.net), sizes 10-35. Do not edit.\n")
    handle.write("//\n")
    handle.write("// SCOWL is Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell these word\n")
    handle.write("// lists, the associated scripts, the output created from the scripts, and its documentation for any purpose is\n")
    handle.write("// hereby granted without fee, provided that the above copyright notice appears in all copies and that both that\n")
    handle.write("// copyright notice and this permission notice appear in supporting documentation. Kevin Atkinson makes no\n")
    handle.write("// representations about the suitability of this array for any purpose. It is provided \"as is\" without express or\n")
    handle.write("// implied warranty.\n\n")
    handle.write("extension Vocabulary {\n")
    for name, words, what in (("commonWords", common, "common English words (SCOWL sizes 10 and 20)"),
                              ("rareWords", rare, "rarer English words (SCOWL size 35)")):
        handle.write(f"    /// {len(words)} {what}, space-separated.\n")
        handle.write(f"    static let {name} = \"\"\"\n")
        for line in lines_of(words):
            handle.write("        " + line + "\n")
        handle.write("        \"\"\"\n\n")
    handle.write("}\n")
print(f"{len(common)} common and {len(rare)} rare words -> {os.path.normpath(out)}")
