#!/bin/sh
# Installs what building and testing deploy-advisor needs, from Debian 12's packages.
# Run as root (or with sudo). Nothing is downloaded at build time. help2man writes the man
# page from the built binary; man-db lets CI read it from the installed Debian package.
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  ca-certificates cmake ninja-build g++ pkg-config git \
  libcli11-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev libspdlog-dev catch2 libre2-dev \
  python3 python3-jsonschema python3-yaml \
  help2man man-db >/dev/null

# The fuzz targets (fuzz/, -DDEPLOY_ADVISOR_FUZZ=ON) need clang and its libFuzzer runtime; CI
# also builds with clang to keep the sources portable.
apt-get install -y -qq --no-install-recommends clang-14 libclang-rt-14-dev >/dev/null

# The report tests parse Mermaid diagrams with Mermaid's own parser, under Node.js.
command -v npm >/dev/null 2>&1 || apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
cd "$(dirname "$0")/../tests/mermaid" && npm ci --no-audit --no-fund --silent
