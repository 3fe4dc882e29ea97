#!/usr/bin/env bash
# Runs ZoningHub distributed on this machine without Docker: a local RabbitMQ with the deployment
# definitions, then the national node, the Zhejiang (33) and Anhui (34) nodes, the hub and the four
# department adapters, each its own process
# with its own broker user. Data under ${ZONINGHUB_DATA:-./data/distributed}; drop a department's exports
# into inbox/<department>/<layer>/.
# Ports, with today's defaults: the broker ${RABBITMQ_NODE_PORT:-5672} (management ${RABBITMQ_MANAGEMENT_PORT:-15672});
# the hub's HTTP ${ZONINGHUB_HUB_PORT:-5080} and gRPC one above; the nodes from ${ZONINGHUB_NODE_PORT:-5090} (national
# HTTP and gRPC, then Zhejiang, then Anhui, two each); the adapters from ${ZONINGHUB_ADAPTER_PORT:-5101} (one-map, water,
# forestry, EIA). Each service must answer /alive within ${ZONINGHUB_START_TIMEOUT:-60} s of starting, or every
# service is stopped again, naming the one that did not come up with the end of its log.
# Ctrl+C (or TERM, HUP) stops the services; infra/scripts/stop-rabbitmq.sh stops the broker. Run as root (the broker).
set -euo pipefail
cd "$(dirname "$0")/../.."
data="$(mkdir -p "${ZONINGHUB_DATA:-./data/distributed}" && cd "${ZONINGHUB_DATA:-./data/distributed}" && pwd)"
# Each broker user's password: ZONINGHUB_BROKER_PASSWORD_<USER>, as docker-compose.yml names it, else one development
# password for all (a loopback-only broker); start-rabbitmq.sh gives the broker's users the same.
default_password="${ZONINGHUB_BROKER_PASSWORD:-zoninghub}"
broker_password() { # user
  local variable
  variable="ZONINGHUB_BROKER_PASSWORD_$(tr 'a-z-' 'A-Z_' <<< "$1")"
  printf '%s' "${!variable:-$default_password}"
}
export RABBITMQ_NODE_PORT="${RABBITMQ_NODE_PORT:-5672}" RABBITMQ_MANAGEMENT_PORT="${RABBITMQ_MANAGEMENT_PORT:-15672}"
broker="127.0.0.1:$RABBITMQ_NODE_PORT"
hub_port="${ZONINGHUB_HUB_PORT:-5080}" node_port="${ZONINGHUB_NODE_PORT:-5090}" adapter_port="${ZONINGHUB_ADAPTER_PORT:-5101}"
timeout="${ZONINGHUB_START_TIMEOUT:-60}"
say() { echo "run-distributed: $*"; }
command -v curl >/dev/null 2>&1 || { say "curl is needed to see the services come up (apt-get install -y curl)." >&2; exit 1; }

# No credential ships in the services' settings: this run makes its own once and keeps them beside its data. Each
# node accepts pushes with a credential of its own, as in compose: one shared credential, read from any node's
# settings, would let its reader push to every node. Missing keys (a file from before) are added, kept ones kept.
credential() { # key
  local value
  value="$(sed -n "s/^$1=//p" "$data/credentials.env" 2>/dev/null)"
  if [[ -z "$value" ]]; then
    value="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
    (umask 077; printf '%s=%s\n' "$1" "$value" >> "$data/credentials.env")
  fi
  printf '%s' "$value"
}
operator_credential="$(credential operator)"
declare -A push_credentials=()
for node in national zhejiang anhui; do push_credentials[$node]="$(credential "push-$node")"; done
say "operator credential in $data/credentials.env"

ZONINGHUB_DATA="$data" bash infra/scripts/start-rabbitmq.sh
dotnet build ZoningHub.sln -c Release --nologo -v quiet

declare -A pids=() ports=()
names=()
# Something already listening there (say, README's embedded run on 5080) would answer /alive for us.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
run() { # name http-port project [KEY=VALUE…]
  local name=$1 port=$2 project=$3; shift 3
  local taken
  for taken in "$port" $(printf '%s\n' "$@" | sed -nE 's/^Kestrel__Endpoints__Grpc__Url=.*:([0-9]+)$/\1/p'); do
    if listening "$taken"; then
      say "port $taken, which $name needs, is taken by another process (the embedded run?); stop it or choose other ports." >&2
      exit 1
    fi
  done
  env "$@" Kestrel__Endpoints__Http__Url="http://127.0.0.1:$port" \
    dotnet "services/$project/bin/Release/net10.0/$project.dll" > "$data/$name.log" 2>&1 &
  pids[$name]=$! ports[$name]=$port
  names+=("$name")
}
stop_services() {
  trap - EXIT INT TERM HUP
  [ "${#pids[@]}" -eq 0 ] && return
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  say "services stopped (the broker keeps running: infra/scripts/stop-rabbitmq.sh stops it)"
}
trap stop_services EXIT
trap 'stop_services; exit 130' INT
trap 'stop_services; exit 143' TERM
trap 'stop_services; exit 129' HUP

# A service is up when its own process answers /alive: a port taken by another process answers nothing of
# ours, and the service exits (Kestrel cannot bind), which is noticed at once instead of after the timeout.
await_alive() { # name
  local name=$1 pid=${pids[$1]} url="http://127.0.0.1:${ports[$1]}/alive" deadline=$((SECONDS + timeout)) why status
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      status=0; wait "$pid" 2>/dev/null || status=$?
      why="it exited with status $status"
      break
    fi
    if [ "$(curl -s --max-time 2 "$url" 2>/dev/null)" = Healthy ]; then
      say "$name up ($url, log $data/$name.log)"
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      why="it did not answer within $timeout s"
      break
    fi
    sleep 0.5
  done
  say "$name did not come up on $url: $why. The end of $data/$name.log, stack frames left out:" >&2
  grep -vE '^[[:space:]]*(at |--- End of)' "$data/$name.log" | tail -n 20 | sed 's/^/    /' >&2
  say "stopping every service." >&2
  exit 1
}

run node-national "$node_port" ZoningHub.Node Node__DataDirectory="$data/nodes" Node__HubCredential="${push_credentials[national]}" \
  Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$((node_port + 1))"
# Provincial nodes: the same executable, with a province as scope and ports of their own.
for province in zhejiang:33:$((node_port + 2)) anhui:34:$((node_port + 4)); do
  IFS=: read -r id scope port <<< "$province"
  run "node-$id" "$port" ZoningHub.Node Node__Id="$id" Node__Scope="$scope" Node__DataDirectory="$data/nodes" \
    Node__HubCredential="${push_credentials[$id]}" Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$((port + 1))"
done
run hub "$hub_port" ZoningHub.Hub Hub__DataDirectory="$data/hub" Bus__RabbitMqUrl="amqp://hub:$(broker_password hub)@$broker/zoninghub" \
  Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$((hub_port + 1))" \
  Hub__OperatorCredential="$operator_credential" \
  Hub__Nodes__0__Id=national Hub__Nodes__0__Scope=national Hub__Nodes__0__Address="http://127.0.0.1:$((node_port + 1))" \
  Hub__Nodes__0__Credential="${push_credentials[national]}" \
  Hub__Nodes__1__Id=zhejiang Hub__Nodes__1__Scope=33 Hub__Nodes__1__Address="http://127.0.0.1:$((node_port + 3))" \
  Hub__Nodes__1__Credential="${push_credentials[zhejiang]}" \
  Hub__Nodes__2__Id=anhui Hub__Nodes__2__Scope=34 Hub__Nodes__2__Address="http://127.0.0.1:$((node_port + 5))" \
  Hub__Nodes__2__Credential="${push_credentials[anhui]}"
offset=0
for adapter in OneMap:natural-resources Water:water-resources Forestry:forestry-grassland Eia:ecology-environment; do
  IFS=: read -r project department <<< "$adapter"
  run "adapter-$department" "$((adapter_port + offset))" "ZoningHub.Adapters.$project" \
    "Adapters__${department}__InboxDirectory=$data/inbox/$department" \
    "Adapters__${department}__StateDirectory=$data/adapters/$department" \
    Bus__RabbitMqUrl="amqp://adapter-$department:$(broker_password "adapter-$department")@$broker/zoninghub"
  offset=$((offset + 1))
done
for name in "${names[@]}"; do await_alive "$name"; done
sleep 2
for name in "${names[@]}"; do
  kill -0 "${pids[$name]}" 2>/dev/null || { say "$name exited after it came up; the end of $data/$name.log:" >&2; tail -n 20 "$data/$name.log" >&2; exit 1; }
done

# The hub's user is tagged management in definitions.json: the UI admits it, to the zoninghub virtual host alone.
password="$(broker_password hub)"
say "all ${#names[@]} services up. Hub http://127.0.0.1:$hub_port/api/status, nodes http://127.0.0.1:$node_port/api/state (national),"
say ":$((node_port + 2)) (33), :$((node_port + 4)) (34); broker UI http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT/ (hub / $password);"
say "exports go to $data/inbox/<department>/<layer>/"
wait
