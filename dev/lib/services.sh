# shellcheck shell=bash
# Shared by dev/run and dev/e2e-test: start, stop and watch the services on the local stack.
# Expects ROOT; uses STACK_DIR (default $ROOT/.stack).
source "$ROOT/dev/lib/progress.sh"
STACK_DIR=${STACK_DIR:-$ROOT/.stack}
LOGS=$STACK_DIR/logs
RUN=$STACK_DIR/run
# Kafka as the services reach it (their kafka.bootstrap.servers), for the lag and offset helpers below.
KAFKA=127.0.0.1:${KAFKA_PORT:-9092}
# The dead-letter API's operator (user `operator`); set CDC_OPERATOR_PASSWORD to choose the password.
CDC_OPERATOR_PASSWORD=${CDC_OPERATOR_PASSWORD:-local-operator}
# The services' account for the operators' console (user `console`); the console signs in with it.
CDC_CONSOLE_PASSWORD=${CDC_CONSOLE_PASSWORD:-local-console}
# The console itself (docs/console.md): its bootstrap admin and port.
CONSOLE_ADMIN_PASSWORD=${CONSOLE_ADMIN_PASSWORD:-local-admin}
CONSOLE_PORT=8096
declare -A SERVICE_PORT=([orders-sink]=8091 [users-sink]=8092 [products-sink]=8093 [search-indexer]=8094 [lake-sink]=8095)

kafka_java() { java -Xmx256m -cp "$STACK_DIR/dist/kafka/*" -Dlog4j2.configurationFile="$RUN/log4j2-tools.xml" "$@"; }

# An instance is a service's name, or NAME@K (K = 1..9) for another instance of the same service in
# the same consumer group: port base + 100*K (products-sink@2 on 8293), pid and log NAME-K.
instance_port() { local k=0; [[ $1 == *@* ]] && k=${1#*@}; echo $((SERVICE_PORT[${1%@*}] + 100 * k)); }
instance_file() { echo "${1/@/-}"; }

# The services' JVM: the flags the images run with, from k8s/base/services/jvm.options (a Java argument
# file, read by the JVM itself; its comments say why each flag), with a local heap instead of the file's
# share of a container's memory (-Xms/-Xmx take precedence): 1.5 GB taken whole from the start, as each
# young collection copies the ~100 MB of records in flight, so a young half of 768 MB rather than 512 MB
# halves the collector's CPU (a heap still growing is collected more often still). Every local service,
# search-indexer included, runs the file's flags as they are (its image alone adds -XX:+TieredCompilation).
SERVICE_JVM=(-Xms1536m -Xmx1536m "@$ROOT/k8s/base/services/jvm.options")

start_service() { # instance [java -D options...]
  local name=${1%@*} file
  file=$(instance_file "$1")
  CDC_WAREHOUSE_DIR=$STACK_DIR CDC_OPERATOR_PASSWORD=$CDC_OPERATOR_PASSWORD CDC_CONSOLE_PASSWORD=$CDC_CONSOLE_PASSWORD nohup java "${SERVICE_JVM[@]}" \
    -Dquarkus.http.port="$(instance_port "$1")" "${@:2}" -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar" >>"$LOGS/$file.log" 2>&1 &
  echo $! >"$RUN/$file.pid"
}

# The console: a small heap, no pipeline data of its own; it calls the services' APIs as `console`.
start_console() {
  CDC_CONSOLE_PASSWORD=$CDC_CONSOLE_PASSWORD nohup java -Xmx256m -Dquarkus.http.port="$CONSOLE_PORT" \
    -Dconsole.admin.password="$CONSOLE_ADMIN_PASSWORD" \
    -jar "$ROOT/console/target/quarkus-app/quarkus-run.jar" >>"$LOGS/console.log" 2>&1 &
  echo $! >"$RUN/console.pid"
}

await_ready() { # instance
  local started=$SECONDS port file
  port=$(instance_port "$1") file=$(instance_file "$1")
  until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; do
    if ! kill -0 "$(cat "$RUN/$file.pid")" 2>/dev/null || [ $((SECONDS - started)) -gt 180 ]; then
      progress_done "$1: not ready after $((SECONDS - started))s"
      echo "ERROR: $1 did not become ready; see $LOGS/$file.log" >&2
      curl -s "http://127.0.0.1:$port/q/health/ready" >&2 || true
      return 1
    fi
    progress "waiting for $1 on 127.0.0.1:$port: $((SECONDS - started))s (log $LOGS/$file.log)"
    sleep 1
  done
  progress_done "$1 ready on 127.0.0.1:$port ($((SECONDS - started))s)"
}

stop_service() { # instance [signal]
  local pid waited=0 file
  file=$(instance_file "$1")
  [ -f "$RUN/$file.pid" ] || return 0
  pid=$(cat "$RUN/$file.pid")
  kill "-${2:-TERM}" "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ $waited -lt 30 ]; do sleep 1; waited=$((waited + 1)); done
  rm -f "$RUN/$file.pid"
}

# Total lag of a consumer group over its topics; "unknown" until it has committed on every partition.
group_lag() { # group
  kafka_java org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$KAFKA" \
    --describe --group "$1" 2>/dev/null |
    awk '$1 == "'"$1"'" { if ($6 == "-") unknown = 1; else lag += $6; seen = 1 } END { if (!seen || unknown) print "unknown"; else print lag }'
}

# "group committed end lag" for each of the groups that has offsets, summed over its partitions; lag is
# "unknown" until the group has committed on every partition. One look for all groups; should another
# group on the broker make that fail, one look per group.
groups_offsets() { # group...
  local out args=(--bootstrap-server "$KAFKA" --describe) group
  out=$(kafka_java org.apache.kafka.tools.consumer.group.ConsumerGroupCommand "${args[@]}" --all-groups 2>/dev/null) ||
    out=$(for group in "$@"; do kafka_java org.apache.kafka.tools.consumer.group.ConsumerGroupCommand "${args[@]}" --group "$group" 2>/dev/null; done)
  awk -v groups="$*" 'BEGIN {n = split(groups, g, " "); for (i = 1; i <= n; i++) ours[g[i]] = 1}
    ($1 in ours) && $5 ~ /^[0-9]+$/ {c[$1] += ($4 == "-" ? 0 : $4); e[$1] += $5; if ($4 == "-") u[$1] = 1; seen[$1] = 1}
    END {for (x in seen) print x, c[x], e[x], (u[x] ? "unknown" : e[x] - c[x])}' <<<"$out"
}

# One line on a drain from groups_offsets' lines: "caught-up(0|1) committed text", the text giving per
# group the records committed against the topics' end offsets, the lag, the rate since the first look and
# the time that rate leaves.
drain_line() { # offsets elapsed-seconds committed-at-first-look group...
  awk -v groups="${*:4}" -v t="$2" -v first="$3" '
    {c[$1] = $2; e[$1] = $3; l[$1] = $4}
    END {
      n = split(groups, g, " "); caught = 1
      for (i = 1; i <= n; i++) {
        x = g[i]
        if (!(x in c)) { text = text sprintf(" %s -", x); caught = 0; continue }
        text = text sprintf(" %s %d/%d", x, c[x], e[x]); committed += c[x]
        if (l[x] == "unknown") { unknown = 1; caught = 0; lag += e[x] - c[x] } else { lag += l[x]; if (l[x] > 0) caught = 0 }
      }
      rate = (t > 0 && first != "" ? (committed - first) / t : 0)
      left = (caught ? "caught up" : lag == 0 ? "waiting for every group to commit on every partition" :
        rate > 0 ? sprintf("~%ds left", lag / rate + 0.5) : "time left unknown")
      printf "%d %d drain %ds:%s; lag %d%s, %d records/s, %s\n", caught, committed, t, text,
        lag, (unknown ? " (some partitions not committed yet)" : ""), rate, left
    }' <<<"$1"
}

# Waits until every group has committed the topics' end offsets, showing the drain as it goes.
await_caught_up() { # seconds group...
  local deadline=$((SECONDS + $1)) started=$SECONDS first="" caught committed text
  shift
  while :; do
    read -r caught committed text < <(drain_line "$(groups_offsets "$@")" $((SECONDS - started)) "$first" "$@")
    first=${first:-$committed}
    if [ "$caught" = 1 ]; then progress_done "$text"; return 0; fi
    if [ $SECONDS -ge $deadline ]; then
      progress_done "$text"
      echo "ERROR: not caught up within $((SECONDS - started))s; see $LOGS/<service>.log" >&2
      return 1
    fi
    progress "$text"
    sleep 2
  done
}

topic_records() { # prints "topic count" for every shop.* topic
  kafka_java org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$KAFKA" --topic '^shop\..*' 2>/dev/null |
    awk -F: '{s[$1]+=$3} END {for (t in s) print t, s[t]}' | sort
}

# Seconds to wait before looking at a drain's progress again: half the time its rate so far leaves to the
# next milestone (half of `total`, then `total`), between 0.05 and 1 s, so that the milestones are timed to
# within 50 ms by a few looks rather than many: a scrape of /q/metrics cost a fresh service 51 ms of CPU
# (code run a few times a second is never compiled by C2 alone).
next_look() { # done total elapsed-seconds
  awk -v d="$1" -v n="$2" -v t="$3" 'BEGIN {m = (d < n / 2 ? n / 2 : n); s = (d > 0 ? (m - d) * t / d / 2 : 0.5)
    printf "%.2f", (s < 0.05 ? 0.05 : (s > 1 ? 1 : s))}'
}

# Sum of a service's Prometheus samples of a metric, those whose labels contain the given text if one is given.
metric() { # port name [label text]
  curl -sf "http://127.0.0.1:$1/q/metrics" |
    awk -v m="$2{" -v l="${3:-}" 'index($0, m) == 1 && index($0, l) {s += $NF} END {printf "%d", s}'
}

# Deletes Redis's user:* keys (rows and positions), so that a run writes them anew rather than finding them stale.
clear_user_keys() { redis-cli -h 127.0.0.1 -p 6379 --scan --pattern 'user:*' | xargs -r -n 1000 redis-cli -h 127.0.0.1 -p 6379 del >/dev/null; }

# CPU time of a process so far, in clock ticks (user + system).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The local Redis server's CPU seconds so far (it runs outside our process tree).
redis_cpu() { redis-cli -p 6379 info cpu | awk -F: '/^used_cpu_(sys|user):/ {s += $2} END {printf "%.2f", s}'; }

# The machine's CPU so far, in seconds: "service kafka redis postgres busy total". PostgreSQL is every postgres
# process with the children it has reaped (a backend that ends keeps counting); busy and total are /proc/stat's, so
# busy/total over a drain is how full the machine's cores were.
machine_cpu() { # service-pid
  local pg=0 pid
  for pid in $(pgrep -x postgres); do
    pg=$((pg + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$(cpu_ticks "$1") $(cpu_ticks "$(cat "$RUN/kafka.pid")") $(redis_cpu) $pg" \
    "$(awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)" |
    awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f %.2f %s %.2f %.2f %.2f\n", $1 / hz, $2 / hz, $3, $4 / hz, $5 / hz, $6 / hz}'
}

# CPU per event between two machine_cpu snapshots: "service kafka redis postgres" in µs, then the machine busy in %.
cpu_per_event() { # before after events
  awk -v n="$3" -v a="$1" -v b="$2" 'BEGIN {split(a, x, " "); split(b, y, " ")
    printf "%.1f %.1f %.1f %.1f %.0f", 1e6 * (y[1] - x[1]) / n, 1e6 * (y[2] - x[2]) / n, 1e6 * (y[3] - x[3]) / n,
      1e6 * (y[4] - x[4]) / n, (y[6] > x[6] ? 100 * (y[5] - x[5]) / (y[6] - x[6]) : 0)}'
}

# CPU ticks of a process's threads so far, summed by thread name with digits left out: "name ticks" lines.
# Threads a native library starts (DuckDB's) carry the name of the thread that started them.
thread_ticks() { # pid
  for stat in /proc/"$1"/task/*/stat; do cat "$stat" 2>/dev/null; done |
    awk '{match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); gsub(/[0-9]+/, "", name); gsub(/ /, "_", name)
          split(substr($0, RSTART + RLENGTH + 1), f, " "); t[name] += f[12] + f[13]} END {for (n in t) print n, t[n]}'
}

consumed() { # instance topic
  metric "$(instance_port "$1")" cdc_records_consumed_total "topic=\"$2\""
}

workload() { # java system properties...
  java "$@" -jar "$ROOT/workload/target/quarkus-app/quarkus-run.jar"
}
