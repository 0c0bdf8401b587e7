#!/usr/bin/env bash
# Fuzz every target for a fixed time and print what each did:
#
#     Scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]        (default: 60 s, every target)
#     Scripts/fuzz.sh --runs N [TARGET...]                    (N executions per target, however long they take)
#
# CMSKIT_FUZZ_NO_BUILD=1 skips the build (a campaign already running in .build-fuzz must not be rebuilt under it).
# Builds `cmsfuzz` in release with libFuzzer and AddressSanitizer (its own build folder, .build-fuzz), seeds each
# target from the bundled and test pages and their examples, and runs it with `-max_total_time`. Prints, per target,
# the executions, executions per second, coverage (libFuzzer's cov: and ft:), crashes and leaks; every crash input is
# kept in .build-fuzz/findings/<target>/ (replay it with `swift run cmsfuzz <target> FILE`, then add it to
# Tests/Fuzz/regressions/<target>/, which the tests replay). Exits 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=(-max_total_time="${1:-60}")
if [ "${1:-}" = --runs ]; then
    limit=(-runs="$2")
    shift
fi
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(pages json decode signature mock validators); fi

scratch=.build-fuzz
[ -n "${CMSKIT_FUZZ_NO_BUILD:-}" ] || swift build -c release --scratch-path "$scratch" --product cmsfuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xlinker --export-dynamic >/dev/null
binary="$scratch/release/cmsfuzz"
work="$scratch/work"
rm -rf "$work"
mkdir -p "$work"

# Seeds: the pages (a first byte chooses the reader: 0 HTML, 1 DITA), and the JSON examples of the pages
# (FuzzSeeds, which the tests replay too).
"$binary" seeds "$work/seeds"

status=0
printf '%-10s %12s %10s %8s %8s %8s %8s\n' target execs execs/s cov ft crashes leaks
for target in "${targets[@]}"; do
    corpus="$work/corpus-$target"
    findings="$scratch/findings/$target"
    mkdir -p "$corpus" "$findings"
    cp "$work/seeds/$target"/* "$corpus"/ 2>/dev/null || true
    dictionary=()
    [ "$target" = pages ] && dictionary=(-dict=Scripts/fuzz/pages.dict)
    log="$work/$target.log"
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=Scripts/fuzz/lsan.supp "$binary" "$target" "$corpus" \
        "${limit[@]}" -print_final_stats=1 -artifact_prefix="$findings/" -rss_limit_mb=2048 \
        -max_len=262144 "${dictionary[@]}" >"$log" 2>&1 || true
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    crashes=$(find "$findings" -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' | wc -l)
    leaks=$(find "$findings" -name 'leak-*' | wc -l)
    printf '%-10s %12s %10s %8s %8s %8s %8s\n' "$target" "$execs" "$rate" "$cov" "$ft" "$crashes" "$leaks"
    if [ "$crashes" -gt 0 ] || [ "$leaks" -gt 0 ]; then status=1; fi
done
exit $status
