#!/usr/bin/env python3
"""Writes Sources/Generator/CMSRendering/Naming/Words/{common,rare}.txt: the fixed English vocabulary that cmsgen
splits run-together names with (`querydetailcallinfo` -> query detail call info).

The files are front-coded, which halves them: the words in sorted order, one per line, each written as a digit, the
number of leading letters it shares with the word before it (at most 9), then the rest of the word (`abandon`, `7ed`,
`7ing`). `Vocabulary.frontDecoded` reads them.

The words are SCOWL's English and American word lists, lower-case ASCII only, without one-letter words: sizes 10
and 20 are the common words that names are split into; size 35 adds rarer words that only tell typos from words. SCOWL comes with Debian's `scowl` package (/usr/share/dict/scowl). The list is fixed:
it is never learnt from the pages, so adding a page can never rename another page's API. The EmbedBuiltIns
build plugin compiles the files into cmsgen; SCOWL's notice is in NOTICE.

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


common = read(("10", "20"))
rare = read(("35",)) - common

folder = os.path.join(os.path.dirname(__file__), "..", "Sources", "Generator", "CMSRendering", "Naming", "Words")
for name, words in (("common", common), ("rare", rare)):
    with open(os.path.join(folder, name + ".txt"), "w") as handle:
        previous = ""
        for word in sorted(words):
            shared = 0
            while shared < min(len(previous), len(word), 9) and previous[shared] == word[shared]:
                shared += 1
            handle.write(f"{shared}{word[shared:]}\n")
            previous = word
print(f"{len(common)} common and {len(rare)} rare words -> {os.path.normpath(folder)}")
