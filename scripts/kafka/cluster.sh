#!/usr/bin/env bash
# A three-broker Apache Kafka cluster on one machine (KRaft, every node a combined broker+controller, a static
# 3-voter controller quorum), for trying out and testing replication: internal topics are replicated three
# times and the broker default min.insync.replicas is 2, so one node can die without losing an acknowledged
# (acks=all) record or refusing writes. Each node is a scripts/kafka.sh broker with its own ports and data dir.
#
# Usage: scripts/kafka.sh cluster <start|stop|kill|status> [node]
#   start [node]   start every node (at once: a node is ready only when a quorum of controllers runs), wait until
#                  all are ready; with a node id (1-3), start only that node again (the others must run)
#   stop [node]    SIGTERM every node (or one), wait until gone
#   kill [node]    SIGKILL every node (or one) at once and wait until gone (fault tests)
#   status [node]  one line per node; exit 0 when every node asked about runs
#
# Environment:
#   KAFKA_CLUSTER_PORTS     three client ports, default 9192,9194,9196 (each node's controller listens on port+1)
#   KAFKA_CLUSTER_DIR       default $DEMARCHE_CACHE/kafka-cluster-<first port>; node-<id>/ is each node's data
#                           dir, cluster-id the id all three are formatted with (made on the first start)
#   KAFKA_MIN_INSYNC_REPLICAS   broker default, default 2
#   KAFKA_SECURITY, KAFKA_HEAP_OPTS, KAFKA_START_TIMEOUT, JAVA, DEMARCHE_CACHE: as for scripts/kafka.sh
#   (KAFKA_SECURITY=plaintext for a private test cluster; scram signs clients in on every node)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly KAFKA_SH="$SCRIPT_DIR/../kafka.sh"

HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
DEMARCHE_CACHE="${DEMARCHE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/demarche}"
KAFKA_CLUSTER_PORTS="${KAFKA_CLUSTER_PORTS:-9192,9194,9196}"
IFS=, read -r -a PORTS <<<"$KAFKA_CLUSTER_PORTS"
KAFKA_CLUSTER_DIR="${KAFKA_CLUSTER_DIR:-$DEMARCHE_CACHE/kafka-cluster-${PORTS[0]:-}}"
KAFKA_MIN_INSYNC_REPLICAS="${KAFKA_MIN_INSYNC_REPLICAS:-2}"
# The single broker's variables must not leak into the nodes' settings.
unset KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_DATA_DIR

log() { printf '[kafka cluster] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

((${#PORTS[@]} == 3)) || die "KAFKA_CLUSTER_PORTS must name three ports (got '$KAFKA_CLUSTER_PORTS')"
for port in "${PORTS[@]}"; do
  [[ "$port" =~ ^[0-9]+$ ]] || die "KAFKA_CLUSTER_PORTS: '$port' is not a port"
done
readonly NODES=(1 2 3)

voters() {
  local id out=()
  for id in "${NODES[@]}"; do out+=("$id@127.0.0.1:$((PORTS[id - 1] + 1))"); done
  local IFS=,
  printf '%s' "${out[*]}"
}

# Made once by start (stop, kill and status read it): 16 random bytes, base64url without padding (22 characters), not starting with '-'.
cluster_id() {
  local file="$KAFKA_CLUSTER_DIR/cluster-id" id
  mkdir -p "$KAFKA_CLUSTER_DIR"
  if [[ ! -s "$file" ]]; then
    while :; do
      id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
      [[ "$id" =~ ^[A-Za-z0-9][A-Za-z0-9_-]{21}$ ]] && break
    done
    printf '%s\n' "$id" >"$file"
  fi
  tr -d '\n' <"$file"
}

saved_cluster_id() {
  if [[ -s "$KAFKA_CLUSTER_DIR/cluster-id" ]]; then tr -d '\n' <"$KAFKA_CLUSTER_DIR/cluster-id"; fi
}

# scripts/kafka.sh with one node's settings.
node() { # id command
  local id="$1" port="${PORTS[$1 - 1]}"
  KAFKA_PORT="$port" KAFKA_CONTROLLER_PORT="$((port + 1))" KAFKA_DATA_DIR="$KAFKA_CLUSTER_DIR/node-$id" \
    KAFKA_NODE_ID="$id" KAFKA_QUORUM_VOTERS="$(voters)" KAFKA_CLUSTER_ID="$(saved_cluster_id)" \
    KAFKA_INTERNAL_REPLICATION=3 KAFKA_MIN_INSYNC_REPLICAS="$KAFKA_MIN_INSYNC_REPLICAS" \
    bash "$KAFKA_SH" "$2"
}

# Runs a command on the nodes asked for, all at once; fails when any node fails.
on_nodes() { # command [node]
  local command="$1" ids=("${NODES[@]}") pids=() id failed=0
  if [[ -n "${2:-}" ]]; then
    [[ "$2" =~ ^[123]$ ]] || die "node must be 1, 2 or 3 (got '$2')"
    ids=("$2")
  fi
  for id in "${ids[@]}"; do
    node "$id" "$command" &
    pids+=($!)
  done
  for id in "${!pids[@]}"; do
    wait "${pids[$id]}" || failed=1
  done
  return "$failed"
}

case "${1:-}" in
  start)
    cluster_id >/dev/null
    on_nodes start "${2:-}" || die "not every node started (logs under $KAFKA_CLUSTER_DIR/node-*/logs)"
    log "running: 127.0.0.1:${PORTS[0]},127.0.0.1:${PORTS[1]},127.0.0.1:${PORTS[2]} (data $KAFKA_CLUSTER_DIR)"
    ;;
  stop | kill | status) on_nodes "$1" "${2:-}" ;;
  *)
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
