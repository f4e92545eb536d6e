#!/usr/bin/env bash
# Installs the Debian packages a make target needs, only those missing.
# Usage: debian-packages.sh PACKAGE:COMMAND ...  (COMMAND: a name on PATH or a path)
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to install Debian packages: $*" >&2; exit 1; fi
}

missing=()
for need in "$@"; do
  package=${need%%:*} command=${need#*:}
  command -v "$command" >/dev/null || [ -x "$command" ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${missing[@]}"
fi
