#!/bin/sh
set -eu
# Runs from the repository root: ./scripts/ci.sh
docker build --target=integration -t app:integration .
