#!/bin/sh
# Every socket is a file descriptor: an api process sized for 10,000 followers needs more than
# the usual soft limit of 1,024. Raise the soft limit to the hard one the container was given
# (docker-compose `ulimits: nofile`, `docker run --ulimit nofile=65536:65536`), and say so
# when even that is below what one process is sized for (infra/README.md).
set -e
hard=$(ulimit -Hn)
if [ "$hard" = "unlimited" ]; then ulimit -n 1048576 2>/dev/null || ulimit -n 65536 2>/dev/null || true; else ulimit -n "$hard" 2>/dev/null || true; fi
soft=$(ulimit -n)
if [ "$soft" != "unlimited" ] && [ "$soft" -lt 16384 ]; then
  echo "htt: open-file limit is $soft: fewer than 16,384 sockets fit in this process (set ulimits nofile, see infra/README.md)" >&2
fi
exec "$@"
