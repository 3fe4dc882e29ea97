#!/usr/bin/env bash
# Stops the development RabbitMQ node that start-rabbitmq.sh started. Its data stays in
# ${ZONINGHUB_DATA:-./data}/rabbitmq (relative to the repository root) for the next start. Run as root.
set -euo pipefail

say() { echo "stop-rabbitmq: $*"; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
export PATH="$PATH:/usr/sbin:/sbin"

node="${RABBITMQ_NODENAME:-zoninghub@localhost}"
data="${ZONINGHUB_DATA:-./data}/rabbitmq"

if ! command -v rabbitmqctl >/dev/null 2>&1 || ! rabbitmqctl -n "$node" -q ping >/dev/null 2>&1; then
  say "$node is not running; nothing to do."
  exit 0
fi

# With the pid file, stop returns only when the Erlang VM has exited and the ports are free again.
if [ -f "$data/rabbitmq.pid" ]; then
  rabbitmqctl -n "$node" -q stop "$(cd "$data" && pwd)/rabbitmq.pid"
else
  rabbitmqctl -n "$node" -q stop
fi
say "stopped $node (data kept in $data)."
