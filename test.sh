#!/usr/bin/env bash
# hitori's test command (README.md). Tests that need PostgreSQL or Chromium
# skip with a message unless HITORI_TEST_POSTGRES / HITORI_TEST_REQUIRE_ALL say otherwise.
set -euo pipefail
cd "$(dirname "$0")"
go test -race -count=1 -timeout 30m ./... "$@"
