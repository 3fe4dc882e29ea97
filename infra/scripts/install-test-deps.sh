#!/usr/bin/env bash
# Installs what the integration tests need on a Debian machine, for when no Docker engine is there: the
# rabbitmq-server package, from which tests/ZoningHub.Testing starts throwaway broker nodes.
# Idempotent: installs only what is missing, and says what it did. Run as root.
set -euo pipefail

say() { echo "install-test-deps: $*"; }

# sbin is often missing from a non-login PATH, and that is where the package puts its tools.
export PATH="$PATH:/usr/sbin:/sbin"

if command -v rabbitmq-server >/dev/null 2>&1; then
  say "rabbitmq-server $(dpkg-query -W -f='${Version}' rabbitmq-server 2>/dev/null || echo '(not from apt)') is already installed; nothing to do."
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  say "rabbitmq-server is missing and installing it needs root: run this script as root (sudo $0)." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when apt has never heard of the package (a fresh machine); an install
# that fails on stale lists gets one refresh and a second try.
if ! apt-cache show rabbitmq-server >/dev/null 2>&1; then
  say "apt-get update (apt does not know rabbitmq-server yet)"
  apt-get update -qq
fi
say "installing rabbitmq-server with apt"
if ! apt-get install -y -qq rabbitmq-server; then
  say "install failed; refreshing the package lists and trying once more"
  apt-get update -qq
  apt-get install -y -qq rabbitmq-server
fi

# The package may start a machine-wide node (rabbit@host on 5672). Tests never use it and it would hold
# the port start-rabbitmq.sh wants, so stop it; on machines without an init system there is none to stop.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet rabbitmq-server 2>/dev/null; then
  say "stopping and disabling the package's default rabbitmq-server service"
  systemctl disable --now rabbitmq-server || true
elif command -v service >/dev/null 2>&1 && service rabbitmq-server status >/dev/null 2>&1; then
  say "stopping the package's default rabbitmq-server service"
  service rabbitmq-server stop || true
fi

say "installed rabbitmq-server $(dpkg-query -W -f='${Version}' rabbitmq-server)."
