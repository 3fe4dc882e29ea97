#!/usr/bin/env bash
# Runs ZoningHub distributed on this machine without Docker: a local RabbitMQ with the deployment
# definitions, then the national node, the hub and the four department adapters, each its own process
# with its own broker user. Data under ${ZONINGHUB_DATA:-./data/distributed}; drop a department's exports
# into inbox/<department>/<layer>/.
# Ctrl+C stops the services; infra/scripts/stop-rabbitmq.sh stops the broker. Run as root (the broker).
set -euo pipefail
cd "$(dirname "$0")/../.."
data="$(mkdir -p "${ZONINGHUB_DATA:-./data/distributed}" && cd "${ZONINGHUB_DATA:-./data/distributed}" && pwd)"
password="${ZONINGHUB_BROKER_PASSWORD:-zoninghub}"

ZONINGHUB_DATA="$data" bash infra/scripts/start-rabbitmq.sh
dotnet build ZoningHub.sln -c Release --nologo -v quiet

run() { # name project [KEY=VALUE…]
  local name=$1 project=$2; shift 2
  env "$@" dotnet "services/$project/bin/Release/net10.0/$project.dll" \
    > "$data/$name.log" 2>&1 &
  echo "run-distributed: $name started (log $data/$name.log)"
}
trap 'kill $(jobs -p) 2>/dev/null; wait; echo "run-distributed: services stopped (the broker keeps running)"' EXIT INT TERM

run node-national ZoningHub.Node Node__DataDirectory="$data/nodes"
run hub ZoningHub.Hub Hub__DataDirectory="$data/hub" Bus__RabbitMqUrl="amqp://hub:$password@127.0.0.1:5672/zoninghub"
for adapter in OneMap:natural-resources:5101 Water:water-resources:5102 Forestry:forestry-grassland:5103 Eia:ecology-environment:5104; do
  IFS=: read -r project department port <<< "$adapter"
  run "adapter-$department" "ZoningHub.Adapters.$project" \
    "Adapters__${department}__InboxDirectory=$data/inbox/$department" \
    "Adapters__${department}__StateDirectory=$data/adapters/$department" \
    Kestrel__Endpoints__Http__Url="http://127.0.0.1:$port" \
    Bus__RabbitMqUrl="amqp://adapter-$department:$password@127.0.0.1:5672/zoninghub"
done

echo "run-distributed: hub http://127.0.0.1:5080/api/status, node http://127.0.0.1:5090/api/state,"
echo "run-distributed: broker UI http://127.0.0.1:15672/ (hub / $password); exports go to $data/inbox/<department>/<layer>/"
wait
