#!/usr/bin/env bash
# Writes a copy of the broker definitions (definitions.json) in which each user's password_hash is the hash of the
# password in ZONINGHUB_BROKER_PASSWORD_<USER> (the user's name in capitals, '-' as '_': ZONINGHUB_BROKER_PASSWORD_HUB,
# ZONINGHUB_BROKER_PASSWORD_ADAPTER_NATURAL_RESOURCES, …), the variables docker-compose.yml requires. A user without
# one keeps the file's placeholder hash, which no one can log in with. The definitions are imported at every boot, so
# a password set with rabbitmqctl after the boot would be undone by the next one: the hashes are made before it.
#   set-passwords.sh DEFINITIONS OUTPUT [-- COMMAND…]   (then runs COMMAND: the image's entrypoint in docker-compose.yml)
# Needs only bash and coreutils (the rabbitmq image has no python or jq). It reads the file line by line and relies on
# each user's "name" line preceding its "password_hash" line, as definitions.json is written; the end-to-end spec
# When_the_deployment_connects_its_services_to_the_broker checks every hash it writes against its password.
set -euo pipefail

say() { echo "set-passwords: $*" >&2; }
[ $# -ge 2 ] || { say "usage: $0 DEFINITIONS OUTPUT [-- COMMAND…]"; exit 2; }
in=$1 out=$2
shift 2
[ "${1:-}" != -- ] || shift

hex_to_bytes() { printf '%b' "$(sed 's/../\\x&/g' <<< "$1")"; }
# RabbitMQ's rabbit_password_hashing_sha256: base64 of a 4-byte salt followed by SHA-256(salt ‖ UTF-8 password).
password_hash() { # password
  local salt digest
  salt="$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')"
  digest="$({ hex_to_bytes "$salt"; printf '%s' "$1"; } | sha256sum | cut -c1-64)"
  hex_to_bytes "$salt$digest" | base64 -w0
}

user='' set_users=() kept_users=()
tmp="$(mktemp "$(dirname "$out")/.definitions.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
while IFS= read -r line || [ -n "$line" ]; do
  if [[ $line =~ ^[[:space:]]*\"name\":[[:space:]]*\"([^\"]+)\" ]]; then
    user=${BASH_REMATCH[1]}
  elif [[ $line =~ ^([[:space:]]*\"password_hash\":[[:space:]]*)\"[^\"]*\"(.*)$ ]]; then
    before=${BASH_REMATCH[1]} after=${BASH_REMATCH[2]}
    variable="ZONINGHUB_BROKER_PASSWORD_$(tr 'a-z-' 'A-Z_' <<< "$user")"
    password="${!variable:-}"
    if [ -z "$password" ]; then
      kept_users+=("$user")
    else
      # The services put the password into an AMQP URL (Bus__RabbitMqUrl) as it is: only URL-safe characters keep it intact.
      [[ $password =~ ^[A-Za-z0-9._~-]+$ ]] \
        || { say "$variable holds a character other than letters, digits and - . _ ~ (the services put it into an AMQP URL as it is); choose another, e.g. openssl rand -hex 24"; exit 1; }
      line="$before\"$(password_hash "$password")\"$after"
      set_users+=("$user")
    fi
  fi
  printf '%s\n' "$line"
done < "$in" > "$tmp"

chmod 600 "$tmp"
# The broker reads the file as its own user, after the image's entrypoint has stepped down from root.
if [ "$(id -u)" -eq 0 ] && id rabbitmq > /dev/null 2>&1; then chown rabbitmq:rabbitmq "$tmp"; fi
mv "$tmp" "$out"
trap - EXIT
say "wrote $out: passwords from the environment for ${set_users[*]:-no user}${kept_users[*]:+; placeholder hashes (no login) for ${kept_users[*]}}"
[ $# -eq 0 ] || exec "$@"
