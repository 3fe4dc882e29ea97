#!/usr/bin/env bash
# Runs ZoningHub distributed on this machine without Docker: a local RabbitMQ with the deployment
# definitions, then the national node, the Zhejiang (33) and Anhui (34) nodes, the hub and the four
# department adapters, each its own process
# with its own broker user. Data under ${ZONINGHUB_DATA:-./data/distributed}; drop a department's exports
# into inbox/<department>/<layer>/.
# Ctrl+C stops the services; infra/scripts/stop-rabbitmq.sh stops the broker. Run as root (the broker).
set -euo pipefail
cd "$(dirname "$0")/../.."
data="$(mkdir -p "${ZONINGHUB_DATA:-./data/distributed}" && cd "${ZONINGHUB_DATA:-./data/distributed}" && pwd)"
password="${ZONINGHUB_BROKER_PASSWORD:-zoninghub}"
# No credential ships in the services' settings: this run makes its own once and keeps them beside its data.
if [[ ! -f "$data/credentials.env" ]]; then
  (umask 077; printf 'push=%s\noperator=%s\n' "$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')" \
    "$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')" > "$data/credentials.env")
fi
push_credential="$(sed -n 's/^push=//p' "$data/credentials.env")"
operator_credential="$(sed -n 's/^operator=//p' "$data/credentials.env")"
echo "run-distributed: operator credential in $data/credentials.env"

ZONINGHUB_DATA="$data" bash infra/scripts/start-rabbitmq.sh
dotnet build ZoningHub.sln -c Release --nologo -v quiet

run() { # name project [KEY=VALUE…]
  local name=$1 project=$2; shift 2
  env "$@" dotnet "services/$project/bin/Release/net10.0/$project.dll" \
    > "$data/$name.log" 2>&1 &
  echo "run-distributed: $name started (log $data/$name.log)"
}
trap 'kill $(jobs -p) 2>/dev/null; wait; echo "run-distributed: services stopped (the broker keeps running)"' EXIT INT TERM

run node-national ZoningHub.Node Node__DataDirectory="$data/nodes" Node__HubCredential="$push_credential"
# Provincial nodes: the same executable, with a province as scope and ports of their own.
for province in zhejiang:33:5092 anhui:34:5094; do
  IFS=: read -r id scope port <<< "$province"
  run "node-$id" ZoningHub.Node Node__Id="$id" Node__Scope="$scope" Node__DataDirectory="$data/nodes" Node__HubCredential="$push_credential" \
    Kestrel__Endpoints__Http__Url="http://127.0.0.1:$port" Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$((port + 1))"
done
run hub ZoningHub.Hub Hub__DataDirectory="$data/hub" Bus__RabbitMqUrl="amqp://hub:$password@127.0.0.1:5672/zoninghub" \
  Hub__PushCredential="$push_credential" Hub__OperatorCredential="$operator_credential" \
  Hub__Nodes__1__Id=zhejiang Hub__Nodes__1__Scope=33 Hub__Nodes__1__Address=http://127.0.0.1:5093 \
  Hub__Nodes__2__Id=anhui Hub__Nodes__2__Scope=34 Hub__Nodes__2__Address=http://127.0.0.1:5095
for adapter in OneMap:natural-resources:5101 Water:water-resources:5102 Forestry:forestry-grassland:5103 Eia:ecology-environment:5104; do
  IFS=: read -r project department port <<< "$adapter"
  run "adapter-$department" "ZoningHub.Adapters.$project" \
    "Adapters__${department}__InboxDirectory=$data/inbox/$department" \
    "Adapters__${department}__StateDirectory=$data/adapters/$department" \
    Kestrel__Endpoints__Http__Url="http://127.0.0.1:$port" \
    Bus__RabbitMqUrl="amqp://adapter-$department:$password@127.0.0.1:5672/zoninghub"
done

echo "run-distributed: hub http://127.0.0.1:5080/api/status, nodes http://127.0.0.1:5090/api/state (national), :5092 (33), :5094 (34),"
echo "run-distributed: broker UI http://127.0.0.1:15672/ (hub / $password); exports go to $data/inbox/<department>/<layer>/"
wait
