# shellcheck shell=bash
# Running Elasticsearch, shared by dev/stack and dev/es-cluster. Elasticsearch refuses to run as root: it
# runs as nobody, who must reach its Java, home, data and logs. Expects a function `fail MESSAGE`.

as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }

es_java_home() { echo "${ES_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"; }

# What Elasticsearch needs before anything starts: a Java its user can run.
check_elasticsearch() {
  local java_home
  java_home=$(es_java_home)
  [ -x "$java_home/bin/java" ] || fail "no Java for Elasticsearch at $java_home (set ES_JAVA_HOME to a JDK 17+)"
  as_nobody test -x "$java_home/bin/java" ||
    fail "user nobody, who runs Elasticsearch, cannot run $java_home/bin/java (a folder above it is not readable by others): set ES_JAVA_HOME to a JDK under /usr/lib/jvm or /opt"
}
