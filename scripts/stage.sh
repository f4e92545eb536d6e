#!/usr/bin/env bash
# Runs one stage of `make test` and prints how long it took; with --summary, prints
# the time of every stage recorded since `--reset` (and the total).
#   scripts/stage.sh --reset
#   scripts/stage.sh NAME COMMAND [ARG...]
#   scripts/stage.sh --summary
set -uo pipefail
cd "$(dirname "$0")/.."
times=var/test-stage-times

case "${1:-}" in
  --reset)
    mkdir -p var
    : >"$times"
    exit 0
    ;;
  --summary)
    [ -f "$times" ] || exit 0
    echo "== make test: time of each stage"
    awk -F'\t' '{ printf "   %-16s %6d s\n", $1, $2; total += $2 }
      END { printf "   %-16s %6d s (%d min %02d s)\n", "total", total, total / 60, total % 60 }' "$times"
    exit 0
    ;;
esac

name=$1
shift
echo "== $name: $*"
start=$(date +%s)
"$@"
status=$?
seconds=$(($(date +%s) - start))
if [ "$status" -eq 0 ]; then
  echo "== $name: passed in $seconds s"
else
  echo "== $name: FAILED (exit $status) after $seconds s"
fi
mkdir -p var
printf '%s\t%s\n' "$name" "$seconds" >>"$times"
exit "$status"
