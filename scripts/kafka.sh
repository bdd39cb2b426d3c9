#!/usr/bin/env bash
# Single-node Apache Kafka 4.1.1 broker (KRaft, combined broker+controller) without Docker.
# The broker's jars come from the Maven repository through mvn (scripts/kafka/pom.xml), run on the local Java 17+.
#
# Security (KAFKA_SECURITY=scram, the default): clients sign in with SASL/SCRAM-SHA-512 and StandardAuthorizer
# enforces ACLs. The users of scripts/kafka/users.conf are created when storage is formatted; their ACLs are
# added by the admin user after start (scripts/kafka/acls.mjs). KAFKA_SECURITY=plaintext: no sign-in, no ACLs
# (the fault tests' private brokers). Storage formatted for other users or another mode (a data dir from before
# SCRAM) is wiped and formatted again at the next start: this is a development broker.
#
# Usage: scripts/kafka.sh <fetch|start|stop|kill|status|run|add-user|grant|cluster>
#   fetch   resolve the broker's jars into $DEMARCHE_CACHE/kafka-4.1.1/libs (once; skipped when complete)
#   start   fetch if needed, format storage once, start the broker in the background, wait until ready, add
#           the ACLs (idempotent: exits 0 when a broker from the same data dir is already running with the
#           same security settings; one running with others is restarted)
#   stop    SIGTERM, wait up to 30 s, then SIGKILL (exit 0 when not running)
#   kill    SIGKILL at once and wait until the process is gone (fault tests)
#   status  exit 0 when running, 1 when not
#   run     like start, but in the foreground (logs on the console too)
#   add-user <name>   a SCRAM user on the running broker (password from KAFKA_NEW_USER_PASSWORD)
#   grant <name> --clearance <level> [--topic-prefix P]   let <name> read the engagement topics up to <level>
#   cluster <start|stop|kill|status> [node]   a three-broker KRaft cluster instead (scripts/kafka/cluster.sh)
#
# Environment:
#   DEMARCHE_CACHE          default ${XDG_CACHE_HOME:-$HOME/.cache}/demarche
#   KAFKA_PORT              default 9092 (client listener, 127.0.0.1 only)
#   KAFKA_SECURITY          scram (default) or plaintext
#   KAFKA_*_PASSWORD        passwords of the users in scripts/kafka/users.conf (development defaults there)
#   KAFKA_CONTROLLER_PORT   default KAFKA_PORT+1
#   KAFKA_DATA_DIR          default $DEMARCHE_CACHE/kafka-data-$KAFKA_PORT
#                           (server.properties, broker.pid, logs/, kraft/ = log.dirs)
#   KAFKA_HEAP_OPTS         default "-Xms256m -Xmx512m"
#   KAFKA_START_TIMEOUT     seconds, default 120
#   JAVA                    java binary, default: $JAVA_HOME/bin/java or java on PATH
# Set by scripts/kafka/cluster.sh for a node of a cluster (leave unset for the single broker):
#   KAFKA_NODE_ID           default 1
#   KAFKA_QUORUM_VOTERS     static controller quorum (id@host:port,...); unset: this node alone (--standalone)
#   KAFKA_CLUSTER_ID        the cluster id every node is formatted with; unset: a new one
#   KAFKA_INTERNAL_REPLICATION  replication factor of internal topics and the default one, default 1
#   KAFKA_MIN_INSYNC_REPLICAS   broker default min.insync.replicas, default 1
set -euo pipefail

readonly KAFKA_VERSION=4.1.1
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR
readonly POM="$SCRIPT_DIR/kafka/pom.xml"
readonly LOG4J2_CONFIG="$SCRIPT_DIR/kafka/log4j2.properties"
readonly USERS_CONF="$SCRIPT_DIR/kafka/users.conf"
readonly ACLS_SCRIPT="$SCRIPT_DIR/kafka/acls.mjs"

# A CI runner may start us without HOME; fall back to the account's home directory.
HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
DEMARCHE_CACHE="${DEMARCHE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/demarche}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$DEMARCHE_CACHE/kafka-data-$KAFKA_PORT}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
KAFKA_SECURITY="${KAFKA_SECURITY:-scram}"
KAFKA_NODE_ID="${KAFKA_NODE_ID:-1}"
KAFKA_QUORUM_VOTERS="${KAFKA_QUORUM_VOTERS:-}"
KAFKA_CLUSTER_ID="${KAFKA_CLUSTER_ID:-}"
KAFKA_INTERNAL_REPLICATION="${KAFKA_INTERNAL_REPLICATION:-1}"
KAFKA_MIN_INSYNC_REPLICAS="${KAFKA_MIN_INSYNC_REPLICAS:-1}"
[[ "$KAFKA_SECURITY" == scram || "$KAFKA_SECURITY" == plaintext ]] || {
  echo "[kafka.sh] error: KAFKA_SECURITY must be scram or plaintext" >&2
  exit 2
}
NODE="${NODE:-node}"
if [[ -z "${JAVA:-}" ]]; then
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
fi

readonly KAFKA_HOME="$DEMARCHE_CACHE/kafka-$KAFKA_VERSION"
readonly LIBS="$KAFKA_HOME/libs"
readonly MARKER="$LIBS/.fetch-complete"
readonly PROPS="$KAFKA_DATA_DIR/server.properties"
readonly PID_FILE="$KAFKA_DATA_DIR/broker.pid"
readonly LOG_DIR="$KAFKA_DATA_DIR/logs"
readonly SERVER_LOG="$LOG_DIR/server.log"
readonly STDOUT_LOG="$LOG_DIR/kafkaServer.out"
readonly KRAFT_DIR="$KAFKA_DATA_DIR/kraft"
readonly READY_LINE="Kafka Server started"
# What the storage was formatted for (mode and users): another wish means formatting again.
readonly SECURITY_MARKER="$KAFKA_DATA_DIR/security"
# The ACL setup last added on this storage (a hash of the script and its settings).
readonly ACLS_MARKER="$KAFKA_DATA_DIR/acls"

log() { printf '[kafka.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

now() { date +%s.%N; }
elapsed_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- fetch -------------------------------------------------------------------------------------------

pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

fetch_is_complete() { [[ -f "$MARKER" && "$(cat "$MARKER")" == "$(pom_hash)" ]]; }

cmd_fetch() {
  [[ -f "$POM" ]] || die "missing $POM"
  if fetch_is_complete; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch the Kafka jars)"
  mkdir -p "$DEMARCHE_CACHE" "$KAFKA_HOME"
  # Serialize concurrent fetches (two brokers started at once); fd 8 is closed again below.
  exec 8>"$KAFKA_HOME/.fetch.lock"
  flock 8
  if ! fetch_is_complete; then
    local t0 tmp
    rm -rf "$KAFKA_HOME"/.libs.tmp.* # left by an interrupted fetch (we hold the lock: none is running)
    t0="$(now)"
    log "fetching Kafka $KAFKA_VERSION jars into $LIBS ..."
    tmp="$(mktemp -d "$KAFKA_HOME/.libs.tmp.XXXXXX")"
    # shellcheck disable=SC2064
    trap "rm -rf '$tmp'" EXIT
    if ! mvn -B -q -f "$POM" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp/libs" >"$tmp/mvn.log" 2>&1; then
      tail -n 40 "$tmp/mvn.log" >&2 || true
      die "mvn could not resolve the Kafka jars (see above)"
    fi
    compgen -G "$tmp/libs/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null || die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn"
    compgen -G "$tmp/libs/log4j-slf4j-impl-*.jar" >/dev/null || die "log4j2 binding missing after mvn"
    pom_hash >"$tmp/libs/.fetch-complete"
    # Swap into place: a rename is atomic, so readers see either no libs or a complete set.
    if [[ -e "$LIBS" ]]; then
      mv "$LIBS" "$tmp/old-libs"
    fi
    mv "$tmp/libs" "$LIBS"
    rm -rf "$tmp"
    trap - EXIT
    log "fetched $(find "$LIBS" -name '*.jar' | wc -l) jars ($(du -sm "$LIBS" | cut -f1) MB) in $(elapsed_since "$t0") s"
  fi
  exec 8>&-
}

# --- process helpers ---------------------------------------------------------------------------------

# True when $1 is a live (not zombie) broker process started with this data dir's server.properties.
is_our_broker() {
  local pid="$1" state cmdline
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/status" ]] || return 1
  state="$(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)" || return 1
  [[ "$state" != Z && "$state" != X ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *" kafka.Kafka $PROPS"* ]]
}

# Pid of the live broker of this data dir: the pid file, or else (pid file lost or stale) a scan of /proc.
running_pid() {
  local pid f
  if [[ -f "$PID_FILE" ]]; then
    pid="$(tr -dc '0-9' <"$PID_FILE")"
    if is_our_broker "$pid"; then
      printf '%s' "$pid"
      return 0
    fi
  fi
  for f in /proc/[0-9]*/cmdline; do
    pid="${f#/proc/}"
    pid="${pid%/cmdline}"
    if [[ "$pid" != "$$" ]] && grep -qF "kafka.Kafka" "$f" 2>/dev/null && is_our_broker "$pid"; then
      printf '%s' "$pid" >"$PID_FILE"
      printf '%s' "$pid"
      return 0
    fi
  done
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True while any thread of $1 is alive. A killed JVM's main thread can already show as a zombie while its
# other threads are still exiting and its sockets are still open, so a zombie counts as gone only alone.
pid_exists() {
  local state
  [[ -d "/proc/$1" ]] || return 1
  state="$(awk '/^State:/ { print $2 }' "/proc/$1/status" 2>/dev/null)" || return 1
  if [[ "$state" == Z || "$state" == X ]]; then
    local tasks=("/proc/$1/task/"*)
    ((${#tasks[@]} > 1))
  fi
}

# Wait until the process is gone and both listeners are closed.
wait_gone() { # pid timeout-seconds
  local pid="$1" deadline=$((SECONDS + $2))
  while pid_exists "$pid" || port_open "$KAFKA_PORT" || port_open "$KAFKA_CONTROLLER_PORT"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# --- configuration and storage -------------------------------------------------------------------------

write_properties() {
  mkdir -p "$KAFKA_DATA_DIR" "$LOG_DIR" "$KRAFT_DIR"
  local tmp="$PROPS.tmp.$$" client=PLAINTEXT
  [[ "$KAFKA_SECURITY" == scram ]] && client=SASL_PLAINTEXT
  (umask 077 && : >"$tmp") # the broker's own SCRAM password goes into this file
  cat >"$tmp" <<EOF
# Generated by scripts/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=$KAFKA_NODE_ID
$(quorum_property)
listeners=$client://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=$client://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=$client
listener.security.protocol.map=CONTROLLER:PLAINTEXT,$client:$client
log.dirs=$KRAFT_DIR
EOF
  if [[ "$KAFKA_SECURITY" == scram ]]; then
    cat >>"$tmp" <<EOF

# Clients sign in with SCRAM-SHA-512; the broker signs in to itself as admin. Without an ACL, nothing is allowed.
# The controller listener (PLAINTEXT, 127.0.0.1) authenticates nobody: its principal ANONYMOUS stays a super
# user, as KRaft needs; it serves controller requests only.
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(user_password admin)";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:ANONYMOUS
EOF
  fi
  if [[ -z "$KAFKA_QUORUM_VOTERS" ]]; then
    cat >>"$tmp" <<EOF

# One broker: every internal topic with replication factor 1 (the default 3 never comes up).
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
EOF
  else
    local isr=$((KAFKA_INTERNAL_REPLICATION > 1 ? KAFKA_INTERNAL_REPLICATION - 1 : 1))
    cat >>"$tmp" <<EOF

# Node $KAFKA_NODE_ID of a cluster (scripts/kafka/cluster.sh): internal topics replicated $KAFKA_INTERNAL_REPLICATION times.
offsets.topic.replication.factor=$KAFKA_INTERNAL_REPLICATION
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=$KAFKA_INTERNAL_REPLICATION
transaction.state.log.min.isr=$isr
share.coordinator.state.topic.replication.factor=$KAFKA_INTERNAL_REPLICATION
share.coordinator.state.topic.min.isr=$isr
default.replication.factor=$KAFKA_INTERNAL_REPLICATION
min.insync.replicas=$KAFKA_MIN_INSYNC_REPLICAS
group.initial.rebalance.delay.ms=0
# A leader is elected only from the in-sync replicas: a record acknowledged with acks=all is never lost.
unclean.leader.election.enable=false
EOF
  fi
  cat >>"$tmp" <<EOF

# After a SIGKILL the controller keeps the dead broker's registration until its session expires
# (default 9 s, DUPLICATE_BROKER_REGISTRATION meanwhile): shorter, so kill + start takes ~4 s, not ~12 s.
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=3000

# The project creates its topics explicitly (partitions, retention per topic).
auto.create.topics.enable=false
num.partitions=3
EOF
  mv "$tmp" "$PROPS"
}

# The controller quorum: this node alone (dynamic, formatted --standalone), or a cluster's static voters.
quorum_property() {
  if [[ -z "$KAFKA_QUORUM_VOTERS" ]]; then
    printf 'controller.quorum.bootstrap.servers=127.0.0.1:%s' "$KAFKA_CONTROLLER_PORT"
  else
    printf 'controller.quorum.voters=%s' "$KAFKA_QUORUM_VOTERS"
  fi
}

java_cmd() { # main-class args...
  # shellcheck disable=SC2206
  local heap=($KAFKA_HEAP_OPTS)
  JAVA_CMD=("$JAVA" "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -Djava.awt.headless=true "-Dkafka.logs.dir=$LOG_DIR" "-Dlog4j2.configurationFile=$LOG4J2_CONFIG"
    "${JAVA_CONSOLE_OPTS[@]}" -cp "$LIBS/*" "$@")
}

# The users of users.conf with their passwords (environment overrides, else the development defaults).
users() { grep -v '^[[:space:]]*\(#\|$\)' "$USERS_CONF" | awk '{ print $1, $2, $3 }'; }

user_password() { # name
  local name variable fallback
  while read -r name variable fallback; do
    if [[ "$name" == "$1" ]]; then
      printf '%s' "${!variable:-$fallback}"
      return 0
    fi
  done < <(users)
  die "no user $1 in $USERS_CONF"
}

# What the storage must have been formatted for: the mode, and in scram mode a hash of the users and passwords.
wanted_security() {
  if [[ "$KAFKA_SECURITY" == plaintext ]]; then
    echo plaintext
    return
  fi
  local name variable fallback
  printf 'scram-sha-512 %s\n' "$(while read -r name variable fallback; do
    printf '%s=%s\n' "$name" "${!variable:-$fallback}"
  done < <(users) | sha256sum | cut -d' ' -f1)"
}

format_storage() {
  if [[ -f "$KRAFT_DIR/meta.properties" ]]; then
    if [[ -f "$SECURITY_MARKER" && "$(cat "$SECURITY_MARKER")" == "$(wanted_security)" ]]; then
      return 0
    fi
    # Formatted before SCRAM, for other users or passwords, or for the other mode: users are only created at
    # format time, so format again. A development broker: its topics go with it.
    log "storage of $KRAFT_DIR was formatted for other security settings: wiping it and formatting again"
    rm -rf "$KRAFT_DIR" "$ACLS_MARKER"
    mkdir -p "$KRAFT_DIR"
  fi
  local cluster_id out scram=() name variable fallback quorum=(--standalone)
  JAVA_CONSOLE_OPTS=(-Dkafka.console.level=WARN)
  if [[ -n "$KAFKA_CLUSTER_ID" ]]; then
    cluster_id="$KAFKA_CLUSTER_ID"
  else
    java_cmd kafka.tools.StorageTool random-uuid
    cluster_id="$("${JAVA_CMD[@]}" 2>>"$LOG_DIR/storage-tool.log" | tail -n 1)" || true
  fi
  # A static quorum (controller.quorum.voters) is formatted without --standalone.
  [[ -z "$KAFKA_QUORUM_VOTERS" ]] || quorum=()
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "StorageTool random-uuid gave '$cluster_id' (see $LOG_DIR/storage-tool.log)"
  if [[ "$KAFKA_SECURITY" == scram ]]; then
    while read -r name variable fallback; do
      scram+=(--add-scram "SCRAM-SHA-512=[name=$name,password=${!variable:-$fallback}]")
    done < <(users)
  fi
  java_cmd kafka.tools.StorageTool format "${quorum[@]}" -t "$cluster_id" -c "$PROPS" -g "${scram[@]}"
  if ! out="$("${JAVA_CMD[@]}" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "formatting $KRAFT_DIR failed"
  fi
  printf '%s\n' "$out" >>"$LOG_DIR/storage-tool.log"
  wanted_security >"$SECURITY_MARKER"
  log "formatted $KRAFT_DIR (cluster id $cluster_id, security $KAFKA_SECURITY)"
}

# The ACLs of scripts/kafka/acls.mjs, added by the admin user once the broker runs; skipped when this storage
# already has the same setup (ACLs live in the cluster metadata, so they survive restarts).
ensure_acls() {
  [[ "$KAFKA_SECURITY" == scram ]] || return 0
  local wanted
  wanted="$(cat "$ACLS_SCRIPT" "$USERS_CONF" | sha256sum | cut -d' ' -f1) ${KAFKA_TOPIC_PREFIX:-} ${KAFKA_ACL_TOPIC_PREFIXES:-} ${KAFKA_ACL_GROUP_PREFIXES:-}"
  if [[ -f "$ACLS_MARKER" && "$(cat "$ACLS_MARKER")" == "$wanted" ]]; then
    return 0
  fi
  command -v "$NODE" >/dev/null || die "node not found (needed to add the ACLs)"
  KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" "$NODE" --disable-warning=TimeoutNegativeWarning "$ACLS_SCRIPT" setup || die "adding the ACLs failed"
  printf '%s' "$wanted" >"$ACLS_MARKER"
}

# The running broker was started with this script's current security settings.
running_as_wanted() {
  [[ -f "$SECURITY_MARKER" && "$(cat "$SECURITY_MARKER")" == "$(wanted_security)" ]] &&
    grep -q "^listeners=$([[ "$KAFKA_SECURITY" == scram ]] && echo SASL_PLAINTEXT || echo PLAINTEXT)://" "$PROPS" 2>/dev/null
}

check_ports_free() {
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$p"; then
      die "127.0.0.1:$p is already in use by another process (not a broker of $KAFKA_DATA_DIR)"
    fi
  done
}

prepare() {
  command -v "$JAVA" >/dev/null || die "java not found (Kafka $KAFKA_VERSION needs Java 17+)"
  cmd_fetch
  check_ports_free
  write_properties
  format_storage
}

# --- commands ----------------------------------------------------------------------------------------

cmd_start() {
  local t0 pid
  t0="$(now)"
  mkdir -p "$KAFKA_DATA_DIR"
  # Serialize concurrent starts on one data dir; fd 9 is closed for the broker so it does not hold the lock.
  exec 9>"$KAFKA_DATA_DIR/.start.lock"
  flock 9
  if pid="$(running_pid)"; then
    if running_as_wanted; then
      log "already running (pid $pid, 127.0.0.1:$KAFKA_PORT, data $KAFKA_DATA_DIR)"
      ensure_acls
      return 0
    fi
    log "running (pid $pid) with other security settings than KAFKA_SECURITY=$KAFKA_SECURITY: restarting it"
    cmd_stop
  fi
  prepare

  # Readiness must come from this start: only look at server.log beyond its current end.
  local offset=0
  [[ -f "$SERVER_LOG" ]] && offset="$(stat -c %s "$SERVER_LOG")"

  JAVA_CONSOLE_OPTS=(-Dkafka.console.level=OFF)
  java_cmd kafka.Kafka "$PROPS"
  printf '\n=== %s kafka.sh start ===\n' "$(date -Is)" >>"$STDOUT_LOG"
  rm -f "$PID_FILE" # stale (checked above): the launcher writes the new one
  # setsid: own session, no controlling terminal; all std fds point at files, so callers reading our
  # stdout/stderr through pipes (execSync) are not kept waiting by the broker.
  # Any other descriptor inherited from the caller (a pipe, our lock files) is closed before the exec.
  # shellcheck disable=SC2016
  setsid nohup bash -c '
    for fd in /proc/$$/fd/*; do fd=${fd##*/}; if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi; done
    echo $$ >"$0"
    exec "$@"' "$PID_FILE" "${JAVA_CMD[@]}" </dev/null >>"$STDOUT_LOG" 2>&1 &
  local launcher=$!
  disown "$launcher" 2>/dev/null || true

  local deadline=$((SECONDS + KAFKA_START_TIMEOUT)) size
  pid=""
  while :; do
    if [[ -z "$pid" && -s "$PID_FILE" ]]; then pid="$(tr -dc '0-9' <"$PID_FILE")"; fi
    if [[ -z "$pid" ]] && ! kill -0 "$launcher" 2>/dev/null; then
      tail -n 20 "$STDOUT_LOG" >&2 || true
      die "the broker launcher exited before writing $PID_FILE"
    fi
    if [[ -n "$pid" ]] && ! is_our_broker "$pid"; then
      sleep 0.2 # the exec may not have happened yet: give it one more look
      if ! is_our_broker "$pid"; then
        log "broker process $pid exited during startup; last lines of $SERVER_LOG and $STDOUT_LOG:"
        tail -n 40 "$SERVER_LOG" >&2 2>/dev/null || true
        tail -n 20 "$STDOUT_LOG" >&2 || true
        rm -f "$PID_FILE"
        die "Kafka did not start"
      fi
    fi
    if [[ -n "$pid" && -f "$SERVER_LOG" ]]; then
      size="$(stat -c %s "$SERVER_LOG")"
      ((size >= offset)) || offset=0 # rolled over meanwhile
      if tail -c +"$((offset + 1))" "$SERVER_LOG" | grep -q "$READY_LINE" && port_open "$KAFKA_PORT"; then
        break
      fi
    fi
    if ((SECONDS >= deadline)); then
      log "not ready after ${KAFKA_START_TIMEOUT}s; last lines of $SERVER_LOG:"
      tail -n 40 "$SERVER_LOG" >&2 2>/dev/null || true
      tail -n 20 "$STDOUT_LOG" >&2 || true
      if [[ -n "$pid" ]]; then
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$pid" 10 || true
      fi
      rm -f "$PID_FILE"
      die "Kafka not ready within ${KAFKA_START_TIMEOUT}s (broker killed)"
    fi
    sleep 0.1
  done
  ensure_acls
  exec 9>&-
  log "started (pid $pid, 127.0.0.1:$KAFKA_PORT, controller :$KAFKA_CONTROLLER_PORT, $KAFKA_SECURITY, data $KAFKA_DATA_DIR) in $(elapsed_since "$t0") s"
}

cmd_run() {
  local pid
  if pid="$(running_pid)"; then
    die "already running (pid $pid); use '$0 stop' first"
  fi
  prepare
  JAVA_CONSOLE_OPTS=()
  java_cmd kafka.Kafka "$PROPS"
  echo $$ >"$PID_FILE"
  log "running Kafka $KAFKA_VERSION in the foreground on 127.0.0.1:$KAFKA_PORT (Ctrl-C to stop)"
  # The ACLs need a running broker: added from the background once it answers.
  (
    for _ in $(seq 1 600); do port_open "$KAFKA_PORT" && break; sleep 0.2; done
    ensure_acls
  ) &
  exec "${JAVA_CMD[@]}"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    log "not running (data $KAFKA_DATA_DIR)"
    rm -f "$PID_FILE"
    return 0
  fi
  local t0
  t0="$(now)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" 30; then
    log "pid $pid still alive after 30 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || die "pid $pid or its ports 127.0.0.1:$KAFKA_PORT/$KAFKA_CONTROLLER_PORT do not go away"
  fi
  rm -f "$PID_FILE"
  log "stopped (pid $pid) in $(elapsed_since "$t0") s"
}

cmd_kill() {
  local pid
  if ! pid="$(running_pid)"; then
    log "not running (data $KAFKA_DATA_DIR)"
    rm -f "$PID_FILE"
    return 0
  fi
  kill -KILL "$pid" 2>/dev/null || true
  wait_gone "$pid" 10 || die "pid $pid or its ports 127.0.0.1:$KAFKA_PORT/$KAFKA_CONTROLLER_PORT do not go away after SIGKILL"
  rm -f "$PID_FILE"
  log "killed (pid $pid)"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running (pid $pid, 127.0.0.1:$KAFKA_PORT, data $KAFKA_DATA_DIR)"
    return 0
  fi
  echo "not running (data $KAFKA_DATA_DIR)"
  return 1
}

# A SCRAM user added to the running broker (AlterUserScramCredentials, as the admin user).
cmd_add_user() { # name
  local name="${1:-}" config
  [[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || die "usage: $0 add-user <name> (password in KAFKA_NEW_USER_PASSWORD)"
  [[ -n "${KAFKA_NEW_USER_PASSWORD:-}" ]] || die "set KAFKA_NEW_USER_PASSWORD to the new user's password"
  [[ "$KAFKA_SECURITY" == scram ]] || die "the broker runs without SASL (KAFKA_SECURITY=plaintext)"
  running_pid >/dev/null || die "not running (data $KAFKA_DATA_DIR)"
  config="$(mktemp)"
  # shellcheck disable=SC2064
  trap "rm -f '$config'" EXIT
  chmod 600 "$config"
  cat >"$config" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(user_password admin)";
EOF
  JAVA_CONSOLE_OPTS=(-Dkafka.console.level=WARN)
  java_cmd kafka.admin.ConfigCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --command-config "$config" \
    --alter --entity-type users --entity-name "$name" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$KAFKA_NEW_USER_PASSWORD]"
  "${JAVA_CMD[@]}" >&2
  log "user $name can sign in (SCRAM-SHA-512); it may do nothing until granted (grant $name --clearance <level>)"
}

cmd_grant() {
  [[ "$KAFKA_SECURITY" == scram ]] || die "the broker runs without ACLs (KAFKA_SECURITY=plaintext)"
  KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" "$NODE" --disable-warning=TimeoutNegativeWarning "$ACLS_SCRIPT" grant "$@"
}

JAVA_CONSOLE_OPTS=()
case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  run) cmd_run ;;
  stop) cmd_stop ;;
  kill) cmd_kill ;;
  status) cmd_status ;;
  add-user) cmd_add_user "${2:-}" ;;
  grant) shift && cmd_grant "$@" ;;
  cluster) shift && exec bash "$SCRIPT_DIR/kafka/cluster.sh" "$@" ;;
  *)
    sed -n '2,40p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
