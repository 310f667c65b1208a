#!/usr/bin/env bash
echo "bazel coverage is not supported in this offline workspace (see third_party/bazel4/README.md)" >&2
exit 1
