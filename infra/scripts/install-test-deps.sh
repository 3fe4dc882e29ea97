#!/usr/bin/env bash
# Installs what the integration tests need on a Debian machine, for when no Docker engine is there: the
# rabbitmq-server package, from which tests/ZoningHub.Testing starts throwaway broker nodes, and the
# prometheus package for promtool, with which tests/ZoningHub.EndToEnd.Tests checks every service's /metrics,
# and chromium (with CJK fonts, so the dashboard's Chinese labels render in its screenshots), which
# tests/ZoningHub.Dashboard.Tests drives through Playwright without Playwright's own browser download.
# Idempotent: installs only what is missing, and says what it did. Run as root; without root or apt-get it names
# the missing packages, and what needs each, and exits 1.
set -euo pipefail

say() { echo "install-test-deps: $*"; }

# sbin is often missing from a non-login PATH, and that is where the package puts its tools.
export PATH="$PATH:/usr/sbin:/sbin"

# package:command pairs; a package is missing when its command is ("-": when dpkg does not have it).
installed() {
  if [ "$2" = "-" ]; then dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; else command -v "$2" >/dev/null 2>&1; fi
}
# What each package is for, for the messages below.
purpose() {
  case "$1" in
    rabbitmq-server) echo "the real-broker tests' throwaway nodes" ;;
    prometheus) echo "promtool, for the end-to-end tests' /metrics check" ;;
    chromium) echo "the dashboard's browser test" ;;
    fonts-noto-cjk) echo "the Chinese labels in the dashboard's screenshots" ;;
  esac
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

# Cannot install: say so, and name every missing package with what needs it.
cannot() {
  say "$1" >&2
  for package in "${missing[@]}"; do say "  missing: $package ($(purpose "$package"))" >&2; done
  say "$2" >&2
  exit 1
}
if ! command -v apt-get >/dev/null 2>&1; then
  cannot "apt-get not found: this script installs with apt (Debian, Ubuntu), and the tests need these packages:" \
    "Install them with this system's package manager, or give the tests a broker with RABBITMQ_URL (infra/README.md)."
fi
if [ "$(id -u)" -ne 0 ]; then
  cannot "not root (uid $(id -u)): installing with apt needs root, and the tests need these packages:" \
    "Run this script as root (sudo $0), or have them installed: apt-get install -y ${missing[*]}"
fi

export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when apt has never heard of a package (a fresh machine); an install
# that fails on stale lists gets one refresh and a second try.
for package in "${missing[@]}"; do
  if ! apt-cache show "$package" >/dev/null 2>&1; then
    say "apt-get update (apt does not know $package yet)"
    apt-get update -qq || say "apt-get update failed; trying the install all the same"
    break
  fi
done
say "installing ${missing[*]} with apt"
if ! apt-get install -y -qq "${missing[@]}"; then
  say "install failed; refreshing the package lists and trying once more"
  apt-get update -qq || true
  apt-get install -y -qq "${missing[@]}" \
    || cannot "apt-get install failed twice (its errors are above); these packages are still missing:" \
      "Check the machine's apt sources and network, then run this script again."
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
