#!/usr/bin/env python3
"""Rerunnable scale figures for cmsgen and the code it generates.

    swift build -c release --product cmsgen && python3 Scripts/bench-scale.py [--pages 100,1000] [--compile 50,200,500] [--reference 600]

The corpus is the shipped English pages cloned under new paths (`/openapi/c17x/agent/...`), so that every interface
is distinct. Each figure is printed with its reference and ratio:

- generation: `cmsgen parse` and `cmsgen generate` (into an empty folder, then again with nothing changed) against the
  floor, `xmllint --html --noout` over the same files in one process (libxml2-utils; without it the figure is left
  out); peak resident memory of each run;
- compile cost: a clean debug build of a target holding the generated client (its dependencies built first and not
  counted, as swift-linux-facts.md says), the time per interface and the largest compiler process;
- nesting: a chain of objects N tables deep, compiled the same way;
- runtime: `cmsbench runtime` (encode, validate and decode through the generated types against hand-written Codable);
- a published reference: `Tests/Published/cloud` (interface pages mixed with overviews, appendices and a shared
  fragment) cloned to `--reference` pages, each copy with its own paths and links, through `cmsgen generate` (goal:
  under 5 s for 600 pages, release build, 2 cores).

Nothing here is a test: it prints figures for anyone to compare.
"""
import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CMSGEN = os.path.join(ROOT, ".build", "release", "cmsgen")


def run(argv, cwd=None, quiet=True):
    """Runs argv; returns (seconds, peak RSS of the largest process in MB, exit status)."""
    start = time.monotonic()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL if quiet else None, stderr=subprocess.DEVNULL if quiet else None)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    return elapsed, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


def best(argv, repeat=3, before=None, cwd=None):
    results = []
    for _ in range(repeat):
        if before:
            before()
        results.append(run(argv, cwd=cwd))
    seconds = min(r[0] for r in results)
    memory = max(r[1] for r in results)
    status = max(r[2] for r in results)
    return seconds, memory, status


def make_corpus(count, folder):
    """`count` pages: the English interface pages of specs/, each clone under its own path segment."""
    pages = sorted(
        name for name in os.listdir(os.path.join(ROOT, "specs"))
        if name.endswith(".html") and ".zh." not in name and name != "error-codes.html"
    )
    os.makedirs(folder, exist_ok=True)
    shutil.copy(os.path.join(ROOT, "specs", "error-codes.html"), os.path.join(folder, "error-codes.html"))
    for index in range(count):
        name = pages[index % len(pages)]
        with open(os.path.join(ROOT, "specs", name), encoding="utf-8") as handle:
            text = handle.read()
        text = text.replace("/openapi/", f"/openapi/c{index}x/")
        with open(os.path.join(folder, f"page-{index:05d}-{name}"), "w", encoding="utf-8") as handle:
            handle.write(text)
    return sum(os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder))


def generation(count, work):
    corpus = os.path.join(work, f"corpus-{count}")
    size = make_corpus(count, corpus)
    files = sorted(os.path.join(corpus, name) for name in os.listdir(corpus))
    print(f"\n## Generation, {count} pages ({size / 1e6:.1f} MB)")
    floor = None
    if shutil.which("xmllint"):
        floor, _, _ = best(["xmllint", "--html", "--noout"] + files)
        print(f"floor  xmllint --html --noout          {floor:7.3f} s")
    else:
        print("floor  xmllint not installed (apt-get install libxml2-utils): ratios left out")

    def line(label, seconds, memory, goal=None):
        ratio = f"{seconds / floor:5.1f}x floor" if floor else ""
        target = f"  (goal <= {goal}x)" if goal and floor else ""
        print(f"{label:38s} {seconds:7.3f} s  {ratio}  peak {memory:6.0f} MB{target}")

    # Never `-o /dev/null`: cmsgen renames a temporary file over its output, which would replace the device.
    parse = best([CMSGEN, "parse", corpus, "-o", os.path.join(work, "schema.json")])
    line("cmsgen parse", parse[0], parse[1])
    output = os.path.join(work, f"generated-{count}")
    full = best([CMSGEN, "generate", "--specs", corpus, "--output", output], before=lambda: shutil.rmtree(output, ignore_errors=True))
    line("cmsgen generate (empty folder)", full[0], full[1], 2)
    noop = best([CMSGEN, "generate", "--specs", corpus, "--output", output])
    line("cmsgen generate (nothing changed)", noop[0], noop[1], 1.2)
    check = best([CMSGEN, "generate", "--specs", corpus, "--output", output, "--check"])
    line("cmsgen generate --check", check[0], check[1])
    lines = 0
    for folder, _, names in os.walk(output):
        for name in names:
            if name.endswith(".swift"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    lines += sum(1 for _ in handle)
    print(f"generated: {lines} lines of Swift, {lines / count:.0f} per interface")


def make_reference(count, folder):
    """`count` pages of a published reference: the pages of Tests/Published/cloud, copied again and again, each copy
    with its own file names, links and paths, so that every interface is distinct and every link finds its page."""
    source = os.path.join(ROOT, "Tests", "Published", "cloud")
    pages = sorted(name for name in os.listdir(source) if name.endswith(".html"))
    os.makedirs(folder, exist_ok=True)
    copy = 0
    written = 0
    while written < count:
        for name in pages:
            if written == count:
                break
            with open(os.path.join(source, name), encoding="utf-8") as handle:
                text = handle.read()
            text = text.replace('href="gzs_', f'href="c{copy}-gzs_').replace("{project_id}", f"{{project_id}}/c{copy}")
            text = text.replace(">GET /<", f">GET /c{copy}<").replace(">GET /v2<", f">GET /v2/c{copy}<")
            with open(os.path.join(folder, f"c{copy}-{name}"), "w", encoding="utf-8") as handle:
                handle.write(text)
            written += 1
        copy += 1
    return sum(os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder))


def reference(count, work):
    corpus = os.path.join(work, f"reference-{count}")
    size = make_reference(count, corpus)
    files = sorted(os.path.join(corpus, name) for name in os.listdir(corpus))
    print(f"\n## A published reference, {count} pages ({size / 1e6:.1f} MB; Tests/Published/cloud cloned)")
    if shutil.which("xmllint"):
        floor, _, _ = best(["xmllint", "--html", "--noout"] + files)
        print(f"floor  xmllint --html --noout          {floor:7.3f} s")
    output = os.path.join(work, f"reference-generated-{count}")
    full = best([CMSGEN, "generate", "--specs", corpus, "--output", output], before=lambda: shutil.rmtree(output, ignore_errors=True))
    print(f"{'cmsgen generate (empty folder)':38s} {full[0]:7.3f} s  peak {full[1]:6.0f} MB  (goal < 5 s){'  FAILED' if full[2] else ''}")
    noop = best([CMSGEN, "generate", "--specs", corpus, "--output", output])
    print(f"{'cmsgen generate (nothing changed)':38s} {noop[0]:7.3f} s  peak {noop[1]:6.0f} MB")
    summary = subprocess.run([CMSGEN, "parse", corpus, "-o", os.path.join(work, "schema.json")], capture_output=True, text=True).stderr.strip().splitlines()
    print("summary: " + (next((line for line in summary if " pages" in line), "") or "(none)"))


def package(work):
    """A package with a `Gen` target on CMSRuntime; its dependencies built once, kept pristine for each run."""
    folder = os.path.join(work, "compile")
    os.makedirs(os.path.join(folder, "Sources", "Gen"), exist_ok=True)
    with open(os.path.join(folder, "Package.swift"), "w") as handle:
        handle.write(f"""// swift-tools-version:6.2
import PackageDescription
let package = Package(
    name: "GenBench",
    dependencies: [.package(path: "{ROOT}")],
    targets: [.target(name: "Gen", dependencies: [.product(name: "CMSRuntime", package: "main")])],
    swiftLanguageModes: [.v6]
)
""")
    with open(os.path.join(folder, "Sources", "Gen", "Empty.swift"), "w") as handle:
        handle.write("import CMSRuntime\n")
    deps = os.path.join(work, "scratch-deps")
    # Also when the scratch folder exists: CMSRuntime may have changed since, and its rebuild must not be counted.
    status = run(["swift", "build", "--scratch-path", deps, "--target", "CMSRuntime"], cwd=folder)[2]
    if status != 0:
        sys.exit("cannot build CMSRuntime for the compile benchmark")
    return folder, deps


def compile_sources(folder, deps, sources):
    """Clean debug build of the Gen target holding `sources` (a folder of Swift files): its own build products are
    removed first, the dependencies' stay (module caches cannot move)."""
    target = os.path.join(folder, "Sources", "Gen")
    shutil.rmtree(target)
    shutil.copytree(sources, target)
    # A file set never seen before, so that SwiftPM plans the target again (it writes the files this removes below).
    with open(os.path.join(target, f"Run{time.monotonic_ns()}.swift"), "w") as handle:
        handle.write("// benchmark run\n")
    for root, names, files in os.walk(deps):
        for name in list(names):
            if name.startswith("Gen.") or name == "Gen":
                shutil.rmtree(os.path.join(root, name), ignore_errors=True)
                names.remove(name)
        for name in files:
            if name.startswith("Gen."):
                os.remove(os.path.join(root, name))
    return run(["swift", "build", "--scratch-path", deps, "--target", "Gen"], cwd=folder, quiet=os.environ.get("BENCH_VERBOSE") is None)


def compile_cost(counts, work):
    folder, deps = package(work)
    print("\n## Compile cost: clean debug build of the generated client (dependencies built first, not counted)")
    for count in counts:
        corpus = os.path.join(work, f"corpus-{count}")
        if not os.path.isdir(corpus):
            make_corpus(count, corpus)
        output = os.path.join(work, f"generated-{count}")
        run([CMSGEN, "generate", "--specs", corpus, "--output", output])
        seconds, memory, status = compile_sources(folder, deps, output)
        verdict = "" if status == 0 else "  BUILD FAILED"
        print(f"{count:5d} interfaces  {seconds:7.1f} s  {seconds / count:6.3f} s per interface (goal <= 0.1)  largest process {memory:6.0f} MB (goal <= 1024){verdict}")


def nesting(depths, work):
    folder, deps = package(work)
    print("\n## Compile cost against nesting depth (one interface, a chain of objects)")
    for depth in depths:
        pages = os.path.join(work, f"nesting-{depth}")
        os.makedirs(pages, exist_ok=True)
        with open(os.path.join(pages, "deep.html"), "w", encoding="utf-8") as handle:
            handle.write(nested_page(depth))
        output = os.path.join(work, f"nesting-generated-{depth}")
        run([CMSGEN, "generate", "--specs", pages, "--output", output])
        seconds, memory, status = compile_sources(folder, deps, output)
        verdict = "" if status == 0 else "  BUILD FAILED"
        print(f"depth {depth:3d}  {seconds:7.1f} s  largest process {memory:6.0f} MB{verdict}")


def nested_page(depth):
    """An interface page whose response nests `depth` tables, each a field `level<N>` of the one before."""
    tables = []
    for level in range(depth + 1):
        rows = [f"<tr><td><p>value{level}</p></td><td><p>String</p></td><td><p>A value.</p></td></tr>"]
        if level < depth:
            rows.append(f'<tr><td><p>level{level + 1}</p></td><td><p>Object</p></td><td><p>For details, see <a href="#t{level + 3}">Table {level + 3}</a>.</p></td></tr>')
        caption = "Parameters in the response message body" if level == 0 else f"Parameters of level{level}"
        tables.append(
            f'<table id="t{level + 2}"><caption><b>Table {level + 2} </b>{caption}</caption>'
            "<thead><tr><th>Parameter</th><th>Type</th><th>Description</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )
    return (
        "<html><body><h1 class=\"topictitle1\">Deep</h1>"
        "<div class=\"section\"><h4 class=\"sectiontitle\">Interface Method</h4><p>The request method must be set to POST.</p></div>"
        "<div class=\"section\"><h4 class=\"sectiontitle\">Request URL</h4><p>https://ip:port/rest/cmsapp/v1/openapi/bench/deep</p></div>"
        "<div class=\"section\"><h4 class=\"sectiontitle\">Response Description</h4>" + "".join(tables) + "</div></body></html>"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="100,1000", help="corpus sizes for the generation figures")
    parser.add_argument("--compile", default="50,200,500", help="corpus sizes for the compile figures (empty: skip)")
    parser.add_argument("--depths", default="10,20,25", help="nesting depths (empty: skip)")
    parser.add_argument("--runtime", action="store_true", help="also run `cmsbench runtime` (release)")
    parser.add_argument("--reference", default="600", help="sizes of the published-reference figure (empty: skip)")
    parser.add_argument("--work", default=None, help="work folder (default: a temporary one, removed afterwards)")
    arguments = parser.parse_args()
    if not os.access(CMSGEN, os.X_OK):
        sys.exit("build cmsgen first: swift build -c release --product cmsgen")
    work = arguments.work or tempfile.mkdtemp(prefix="cmsgen-bench-")
    try:
        print(f"# cmsgen scale figures ({os.cpu_count()} cores, {time.strftime('%Y-%m-%d')})")
        for count in [int(x) for x in arguments.pages.split(",") if x]:
            generation(count, work)
        for count in [int(x) for x in arguments.reference.split(",") if x]:
            reference(count, work)
        if arguments.compile:
            compile_cost([int(x) for x in arguments.compile.split(",") if x], work)
        if arguments.depths:
            nesting([int(x) for x in arguments.depths.split(",") if x], work)
        if arguments.runtime:
            print("\n## Runtime")
            subprocess.run(["swift", "run", "-c", "release", "cmsbench", "runtime"], cwd=ROOT, check=False)
    finally:
        if not arguments.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
