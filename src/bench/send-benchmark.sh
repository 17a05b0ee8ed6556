#!/bin/sh
# Sends the same number of messages of the same size into Postfix's smtp-sink, first with Postfix's smtp-source and
# then with Introflow's outbox relay, at the same concurrency, and prints both rates and their ratio. Like with like:
# the relay keeps each of its connections open for all the messages it sends, so smtp-source runs with -d (send the
# next message over the same connection) instead of opening one connection per message.
# Needs the Debian package postfix (smtp-sink, smtp-source). Usage: src/bench/send-benchmark.sh [MESSAGES] [CONNECTIONS]
set -e
MESSAGES=${1:-20000}
CONNECTIONS=${2:-4}
PORT=${PORT:-2526}
HOME_DIR=$(cd "$(dirname "$0")/../.." && pwd)
SMTP_SINK=$(command -v smtp-sink || echo /usr/sbin/smtp-sink)
SMTP_SOURCE=$(command -v smtp-source || echo /usr/sbin/smtp-source)
if [ ! -x "$SMTP_SINK" ] || [ ! -x "$SMTP_SOURCE" ]; then
  echo "send-benchmark: needs Postfix's smtp-sink and smtp-source (Debian package postfix); not found" >&2
  exit 2
fi

"$SMTP_SINK" -u nobody 127.0.0.1:$PORT 1000 &
SINK=$!
trap 'kill $SINK 2>/dev/null' EXIT
sleep 1

# Introflow first: it prints the size of the email it composes, and smtp-source then sends messages of that size
OUT=$("$HOME_DIR/introflow" bench send --messages "$MESSAGES" --connections "$CONNECTIONS" --port $PORT 2>/dev/null)
echo "$OUT" | grep -v INFO
RATE=$(echo "$OUT" | sed -n 's/.* = \([0-9,]*\) messages\/s.*/\1/p' | tr -d ,)
SIZE=$(echo "$OUT" | sed -n 's/.* messages of \([0-9,]*\) bytes each.*/\1/p' | tr -d ,)
SIZE=${SIZE:-5503}

START=$(date +%s.%N)
"$SMTP_SOURCE" -d -s "$CONNECTIONS" -m "$MESSAGES" -l $SIZE -f bench@introflow.example -t sink@clients.example 127.0.0.1:$PORT
END=$(date +%s.%N)
SOURCE_RATE=$(echo "$MESSAGES / ($END - $START)" | bc -l)
printf 'smtp-source -d: %d messages of %d bytes over %d reused connections: %.0f messages/s\n' "$MESSAGES" $SIZE "$CONNECTIONS" "$SOURCE_RATE"
printf 'introflow / smtp-source = %.2f\n' "$(echo "$RATE / $SOURCE_RATE" | bc -l)"
