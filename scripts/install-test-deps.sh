#!/usr/bin/env bash
# What the test suite needs beyond npm packages, from Debian: Chromium for Playwright (its own browser
# download is not reachable offline) and poppler-utils, whose pdftotext, pdfinfo, pdffonts and pdftoppm
# read the certificate PDFs as a viewer would, and PostgreSQL 15's server for the suite's PostgreSQL
# run (npm run test:pg starts a throwaway cluster of its own). Installs only what is missing.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
chromium --version
pdftotext -v 2>&1 | sed -n 1p
/usr/lib/postgresql/15/bin/postgres --version
