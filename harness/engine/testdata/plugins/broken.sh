#!/bin/sh
# A deliberately broken plugin for the harness's own tests. $BROKEN names
# the one rule it breaks; otherwise it behaves:
#   never-ready        never sends ready, ignores stdin's end and SIGTERM (LIFE-5, LIFE-19)
#   double-ready       sends ready twice (LIFE-7)
#   no-pong            never answers a ping (WD-2)
#   no-unknown-action  answers every request with a result, even unknown actions (REQ-2)
# It reads frames the way the reference runtime writes them: one JSON object
# per line whose first "id" member is the frame's own (a ping's or a
# request's id comes before its params and user).

say() { printf 'IPC:%s\n' "$1"; }
first_id() { printf '%s' "$line" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d '"' -f 4; }

if [ "$BROKEN" = never-ready ]; then
  trap '' TERM
  while :; do sleep 1; done
fi

say '{"type":"ready"}'
[ "$BROKEN" = double-ready ] && say '{"type":"ready"}'

while IFS= read -r line; do
  case $line in
  *'"type":"ping"'*)
    [ "$BROKEN" = no-pong ] && continue
    case $line in
    *'"id":'*) say "{\"type\":\"pong\",\"id\":\"$(first_id)\"}" ;;
    *) say '{"type":"pong"}' ;; # a ping without id: a pong without id (WD-8)
    esac
    ;;
  *'"type":"request"'*)
    id=$(first_id)
    if [ "$BROKEN" = no-unknown-action ]; then
      say "{\"type\":\"response\",\"id\":\"$id\",\"result\":null}"
    else
      say "{\"type\":\"response\",\"id\":\"$id\",\"error\":{\"code\":\"UNKNOWN_ACTION\",\"message\":\"no actions here\"}}"
    fi
    ;;
  esac
done
