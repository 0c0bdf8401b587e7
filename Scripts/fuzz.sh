#!/usr/bin/env bash
# Fuzz every target for a fixed time and print what each did:
#
#     Scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]        (default: 60 s, every target)
#     Scripts/fuzz.sh --runs N [TARGET...]                    (N executions per target, however long they take)
#
# CMSKIT_FUZZ_JOBS=N runs N workers per target (libFuzzer's -jobs and -workers; --runs is split between them), and
# CMSKIT_FUZZ_MAX_LEN=BYTES caps the input size (262144; 16384 keeps the page target fast, the median page is 13 KB).
# CMSKIT_FUZZ_SCRATCH=DIR uses another build folder (.build-fuzz by default), so that two campaigns can run at once;
# CMSKIT_FUZZ_NO_BUILD=1 skips the build (a campaign running from that folder must not be rebuilt under it).
# Builds `cmsfuzz` in release with libFuzzer and AddressSanitizer (its own build folder, .build-fuzz), seeds each
# target from the bundled and test pages and their examples, and runs it with `-max_total_time`. Prints, per target,
# the executions, executions per second, coverage (libFuzzer's cov: and ft:), crashes and leaks; every crash input is
# kept in .build-fuzz/findings/<target>/ (replay it with `swift run cmsfuzz <target> FILE`, then add it to
# Tests/Fuzz/regressions/<target>/, which the tests replay). Exits 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${CMSKIT_FUZZ_JOBS:-1}"
limit=(-max_total_time="${1:-60}")
if [ "${1:-}" = --runs ]; then
    # With several workers, each runs its share.
    limit=(-runs="$(( $2 / jobs ))")
    shift
fi
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(pages json decode signature mock validators); fi

root="$(pwd)"
scratch="${CMSKIT_FUZZ_SCRATCH:-.build-fuzz}"
[ -n "${CMSKIT_FUZZ_NO_BUILD:-}" ] || swift build -c release --scratch-path "$scratch" --product cmsfuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xlinker --export-dynamic >/dev/null
scratch="$(cd "$scratch" && pwd)"
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
    # One log per worker (libFuzzer writes fuzz-N.log in the folder it runs in when there are several).
    logs="$work/logs-$target"
    mkdir -p "$logs"
    parallel=()
    [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
    (cd "$logs" && CMSFUZZ_TARGET="$target" SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 \
        LSAN_OPTIONS=suppressions="$root/Scripts/fuzz/lsan.supp" "$binary" "$target" "$corpus" \
        "${limit[@]}" "${parallel[@]}" -print_final_stats=1 -artifact_prefix="$findings/" -rss_limit_mb=2048 \
        -max_len="${CMSKIT_FUZZ_MAX_LEN:-262144}" "${dictionary[@]}" >"$target.log" 2>&1) || true
    sum() { cat "$logs"/*.log | grep -o "$1"' *[0-9]*' | grep -o '[0-9]*$' | awk '{ total += $1 } END { print total + 0 }'; }
    execs=$(sum 'stat::number_of_executed_units:')
    rate=$(sum 'stat::average_exec_per_sec:')
    cov=$(cat "$logs"/*.log | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' | sort -n | tail -1)
    ft=$(cat "$logs"/*.log | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' | sort -n | tail -1)
    crashes=$(find "$findings" -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' | wc -l)
    leaks=$(find "$findings" -name 'leak-*' | wc -l)
    printf '%-10s %12s %10s %8s %8s %8s %8s\n' "$target" "$execs" "$rate" "$cov" "$ft" "$crashes" "$leaks"
    if [ "$crashes" -gt 0 ] || [ "$leaks" -gt 0 ]; then status=1; fi
done
exit $status
