# shellcheck shell=bash
# Checks made before anything is started, shared by dev/stack and dev/run: each prints one line naming
# what blocks the start and how to fix it, and fails. Expects a function `fail MESSAGE` that stops the script.

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_port() { # what port variable: the variable lets the port be moved
  if port_open "$2"; then
    fail "port $2 needed by $1 is taken by another process (stop it, or set $3 to another port): $(ss -ltnp "sport = :$2" 2>/dev/null | tail -n +2 | head -1)"
  fi
}

require_java() { # Java 17 or later on the PATH
  command -v java >/dev/null || fail "no java on the PATH: install a JDK 17 (apt-get install openjdk-17-jdk-headless)"
  local version
  version=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  [ "${version:-0}" -ge 17 ] 2>/dev/null ||
    fail "java on the PATH is version ${version:-unknown}, 17 or later is needed: put a JDK 17 first on the PATH"
}

require_command() { # command package
  command -v "$1" >/dev/null || fail "$1 is missing: apt-get install $2"
}

megabytes() { # 512m, 2g, 1536m or a number of MB → MB
  case $1 in
    *[gG]) echo $((${1%[gG]} * 1024)) ;;
    *[mM]) echo "${1%[mM]}" ;;
    *) echo "$1" ;;
  esac
}

require_memory() { # megabytes what: the kernel's estimate of memory available without swapping
  local available
  available=$(awk '/^MemAvailable:/ {print int($2 / 1024)}' /proc/meminfo)
  [ "$available" -ge "$1" ] ||
    fail "not enough memory for $2: ${1} MB needed, ${available} MB available (stop other programs, or lower the heaps: see dev/stack's settings)"
}

require_disk() { # megabytes folder what
  local folder=$2 available
  until [ -d "$folder" ]; do folder=$(dirname "$folder"); done
  available=$(df -Pm "$folder" | awk 'NR == 2 {print $4}')
  [ "$available" -ge "$1" ] ||
    fail "not enough disk for $3: ${1} MB needed under $2, ${available} MB free (free some space there, or set STACK_DIR elsewhere)"
}
