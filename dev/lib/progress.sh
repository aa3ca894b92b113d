# shellcheck shell=bash
# Progress a person can read, shared by dev/stack and dev/run: in a terminal one line rewritten in
# place, otherwise (CI logs) a line every PROGRESS_EVERY seconds.
PROGRESS_EVERY=${PROGRESS_EVERY:-10}
PROGRESS_SHOWN=-1000

progress() { # text: the state of a long step, shown now in a terminal, at most every PROGRESS_EVERY s otherwise
  if [ -t 1 ]; then
    printf '\r\033[K%s' "$*"
  elif [ $((SECONDS - PROGRESS_SHOWN)) -ge "$PROGRESS_EVERY" ]; then
    printf '%s\n' "$*"
    PROGRESS_SHOWN=$SECONDS
  fi
}

progress_done() { # text: the step's last line, always shown
  if [ -t 1 ]; then printf '\r\033[K'; fi
  printf '%s\n' "$*"
  PROGRESS_SHOWN=-1000
}

# Filters Maven's batch output (run without -q and -ntp) into one line per module built and a running
# count of the artifacts downloaded; the whole output goes to the log. Usage: mvn ... 2>&1 | maven_progress PREFIX LOG
maven_progress() {
  tee "$2" | awk -v prefix="$1" -v tty="$([ -t 1 ] && echo 1 || echo 0)" -v every="$PROGRESS_EVERY" '
    function downloads() { return sprintf("downloaded %d files, %.1f MB", files, bytes / 1048576) }
    function line(text) { printf "%s%s\n", (tty ? "\r\033[K" : ""), text; fflush() }
    function transient(text) {
      if (tty) printf "\r\033[K%s", text
      else if (systime() - shown >= every) { print text; shown = systime() }
      fflush()
    }
    /\[INFO\] Building .* \[[0-9]+\/[0-9]+\]$/ {
      step = $NF; name = $0
      sub(/^.*\[INFO\] Building /, "", name); sub(/ [^ ]+ \[[0-9]+\/[0-9]+\]$/, "", name) # the name without the version
      line(prefix " " step " " name)
    }
    /Downloaded from / && match($0, /\([0-9.]+ [kMG]?B at/) {
      split(substr($0, RSTART + 1, RLENGTH - 4), size, " ")
      bytes += size[1] * (size[2] == "GB" ? 1073741824 : size[2] == "MB" ? 1048576 : size[2] == "kB" ? 1024 : 1)
      files++
      transient(prefix " " downloads())
    }
    END { if (files) line(prefix " " downloads()) }'
}
