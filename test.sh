#!/usr/bin/env bash
# hitori's test command (README.md). Tests that need PostgreSQL or Chromium
# skip with a message unless HITORI_TEST_POSTGRES / HITORI_TEST_REQUIRE_ALL say otherwise.
# The output is plain go test's (package results, failing tests' output),
# ending with every skipped test and its reason and a one-line summary.
set -euo pipefail
cd "$(dirname "$0")"
summary=$(mktemp -d)
trap 'rm -rf "$summary"' EXIT
# Built before the tests so a broken tool cannot hide their result.
go build -o "$summary/testsummary" ./internal/testsummary
# pipefail: the exit status is go test's (or the summary's, if it saw a failure).
go test -json -race -count=1 -timeout 30m ./... "$@" | "$summary/testsummary"
