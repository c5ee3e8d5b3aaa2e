#!/usr/bin/env bash
# Issue 13: `kiosk --screenshot report.done --lang L --speak-wav F.wav` writes what
# read-aloud says on the done screen as a real espeak-ng recording, in Gujarati and Urdu.
# sox measures each: a WAV it can read, long enough for the whole screen (title, the
# reference spelled out, what happens next), with speech in it (RMS well above silence)
# and no clipping. Somali has no voice: the option says so and fails.
set -euo pipefail
: "${KIOSK_BIN:?}"
command -v sox >/dev/null || { echo "FAIL: sox missing (scripts/setup-deps.sh)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
for lang in gu ur; do
  "$KIOSK_BIN" --screenshot report.done --lang "$lang" --out "done_$lang.png" \
    --speak-wav "done_$lang.wav" > out.txt 2> err.txt || { cat err.txt; echo "FAIL: $lang"; exit 1; }
  grep -q "of voice $lang" out.txt || { cat out.txt; echo "FAIL: $lang not spoken in its voice"; exit 1; }
  rate=$(sox --i -r "done_$lang.wav")
  seconds=$(sox --i -D "done_$lang.wav")
  stat=$(sox "done_$lang.wav" -n stat 2>&1)
  rms=$(awk '/RMS +amplitude/ {print $3}' <<<"$stat")
  peak=$(awk '/Maximum amplitude/ {print $3}' <<<"$stat")
  echo "speech_done_wav: $lang: ${seconds} s at ${rate} Hz, RMS amplitude $rms, peak $peak"
  # the done screen's words take several seconds at 175 words a minute; a cut-off or empty
  # synthesis is far shorter
  awk -v s="$seconds" 'BEGIN { exit !(s > 5 && s < 60) }' || { echo "FAIL: $lang length $seconds s"; exit 1; }
  awk -v r="$rms" 'BEGIN { exit !(r > 0.02) }' || { echo "FAIL: $lang RMS $rms: silence"; exit 1; }
  awk -v p="$peak" 'BEGIN { exit !(p < 0.99) }' || { echo "FAIL: $lang peak $peak: clipped"; exit 1; }
done
if "$KIOSK_BIN" --screenshot report.done --lang so --out done_so.png --speak-wav done_so.wav \
    > out.txt 2> err.txt; then
  echo "FAIL: Somali has no espeak-ng voice, yet a WAV was written"; exit 1
fi
grep -q "says nothing" err.txt || { cat err.txt; echo "FAIL: no reason given for Somali"; exit 1; }
echo "speech_done_wav: ok"
