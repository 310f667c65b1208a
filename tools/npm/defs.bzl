"""Public API of the npm packaging rules. Implementations live in private/."""

load("//tools/npm/private:npm_package.bzl", _npm_package = "npm_package")

npm_package = _npm_package
