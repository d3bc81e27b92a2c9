#!/usr/bin/env bash
# Make sure `java` is Java MIN (default 17) or newer, as ansible-rulebook needs for its rules
# engine; install a headless JRE with apt-get when it is missing or older (`make eda`).
set -euo pipefail
min="${1:-17}"

java_major() {
    # `java -version` prints e.g.: openjdk version "17.0.15" 2025-04-15 (or "1.8.0_402" for Java 8)
    command -v java >/dev/null 2>&1 || { echo 0; return; }
    local version
    version="$(java -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
    case "$version" in
        1.*) echo 1 ;;
        "") echo 0 ;;
        *) echo "${version%%[.+-]*}" ;;
    esac
}

major="$(java_major)"
if [ "$major" -ge "$min" ]; then
    exit 0
fi
echo "Java $min+ is needed by ansible-rulebook (found: ${major/#0/none}); installing it with apt-get"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "openjdk-${min}-jre-headless" || $sudo apt-get install -y -qq default-jre-headless
major="$(java_major)"
if [ "$major" -lt "$min" ]; then
    echo "java on PATH is still version $major after the install; select Java $min+ (update-alternatives --config java)" >&2
    exit 1
fi
