#!/usr/bin/env bash
# Installs what the integration tests need on a Debian machine, for when no Docker engine is there: the
# rabbitmq-server package, from which tests/ZoningHub.Testing starts throwaway broker nodes, and the
# prometheus package for promtool, with which tests/ZoningHub.EndToEnd.Tests checks every service's /metrics,
# and chromium (with CJK fonts, so the dashboard's Chinese labels render in its screenshots), which
# tests/ZoningHub.Dashboard.Tests drives through Playwright without Playwright's own browser download.
# Idempotent: installs only what is missing, and says what it did. Run as root.
set -euo pipefail

say() { echo "install-test-deps: $*"; }

# sbin is often missing from a non-login PATH, and that is where the package puts its tools.
export PATH="$PATH:/usr/sbin:/sbin"

# package:command pairs; a package is missing when its command is ("-": when dpkg does not have it).
installed() {
  if [ "$2" = "-" ]; then dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; else command -v "$2" >/dev/null 2>&1; fi
}
missing=()
for pair in rabbitmq-server:rabbitmq-server prometheus:promtool chromium:chromium fonts-noto-cjk:-; do
  package="${pair%%:*}" tool="${pair##*:}"
  if installed "$package" "$tool"; then
    say "$package $(dpkg-query -W -f='${Version}' "$package" 2>/dev/null || echo '(not from apt)') is already installed."
  else
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  say "nothing to do."
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  say "${missing[*]} missing and installing needs root: run this script as root (sudo $0)." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when apt has never heard of a package (a fresh machine); an install
# that fails on stale lists gets one refresh and a second try.
for package in "${missing[@]}"; do
  if ! apt-cache show "$package" >/dev/null 2>&1; then
    say "apt-get update (apt does not know $package yet)"
    apt-get update -qq
    break
  fi
done
say "installing ${missing[*]} with apt"
if ! apt-get install -y -qq "${missing[@]}"; then
  say "install failed; refreshing the package lists and trying once more"
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi

# The packages just installed may start machine-wide services: a RabbitMQ node (rabbit@host on 5672), which would
# hold the port start-rabbitmq.sh wants, and a Prometheus server with its node exporter. Tests use none of them,
# so stop them; on machines without an init system there is none to stop.
services=()
for package in "${missing[@]}"; do
  case "$package" in
    prometheus) services+=(prometheus prometheus-node-exporter) ;;
    *) services+=("$package") ;;
  esac
done
for service in "${services[@]}"; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$service" 2>/dev/null; then
    say "stopping and disabling the package's default $service service"
    systemctl disable --now "$service" || true
  elif command -v service >/dev/null 2>&1 && service "$service" status >/dev/null 2>&1; then
    say "stopping the package's default $service service"
    service "$service" stop || true
  fi
done

for package in "${missing[@]}"; do
  say "installed $package $(dpkg-query -W -f='${Version}' "$package")."
done
