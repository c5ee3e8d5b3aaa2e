#!/usr/bin/env bash
# Issue 13: Somali has no espeak-ng voice, so read-aloud plays recorded clips
# (audio_dir/so/<key>.wav). The clips here are made now by sox (a tone each, a different
# pitch per string, at rates and channel counts other than the device's, so SDL's
# conversion is exercised): they stand in for recordings that must be made by Somali
# speakers, and are never shipped. A replay in Somali (drafts shown) checks the clips of
# the screen's title and of each focused item are the ones played, that a missing clip is
# skipped rather than guessed; that --check-clips lists the strings without one; and,
# with the clips removed, the on-screen notice.
set -euo pipefail
: "${KIOSK_BIN:?}" "${KIOSK_SOURCE_DIR:?}"
command -v sox >/dev/null || { echo "FAIL: sox missing (scripts/setup-deps.sh)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/audio/so" "$work/state" "$work/receiver"
freq=300
for key in home.title home.learn home.report home.support home.speech; do
  sox -n -r 16000 -c 2 "$work/audio/so/$key.wav" synth 0.4 sine "$freq" vol 0.3
  freq=$((freq + 100))
done
sox --i -r "$work/audio/so/home.title.wav" | grep -qx 16000 || { echo "FAIL: sox clip"; exit 1; }
cp "$KIOSK_SOURCE_DIR/config/sample-receiver/receiver.pub" "$work/receiver/"
cat > "$work/kiosk.ini" <<INI
[kiosk]
state_dir = $work/state
[content]
show_unreviewed_translations = true
[report]
receiver_public_key = $work/receiver/receiver.pub
allow_sample_key = true
[speech]
audio_dir = $work/audio
INI
cat > "$work/so.replay" <<'REPLAY'
key return
expect-screen language
focus-to language.so
key return
expect-screen home
focus-to home.speech
key space
expect-selected home.speech
# no on-screen notice: Somali has recordings here
expect-no-widget speech.unavailable
expect-enabled speech.repeat
# a new screen: its title first, then the focused item
key Keypad 0
expect-clips home.title
expect-clips home.title home.speech
# home.contrast has no clip: nothing is played for it (skipped, never guessed)
key shift+tab
expect-focus home.contrast
key shift+tab
key shift+tab
key shift+tab
expect-focus home.support
expect-clips home.support
key tab
key tab
key tab
key tab
expect-focus home.speech
expect-clips home.speech
key escape
expect-screen cover
REPLAY
cd "$work"
"$KIOSK_BIN" --headless --replay "$work/so.replay" --config "$work/kiosk.ini" 2> err.txt \
  || { cat err.txt; echo "FAIL: the Somali replay"; exit 1; }
# the checker lists the strings shown in Somali that have no recording, and only those
set +e
"$KIOSK_BIN" --check-clips so --config "$work/kiosk.ini" > missing.txt 2> err.txt
rc=$?
set -e
[ "$rc" = 1 ] || { cat missing.txt err.txt; echo "FAIL: --check-clips so exited $rc, not 1"; exit 1; }
grep -q '^so/home.contrast.wav missing' missing.txt || { cat missing.txt; echo "FAIL: home.contrast not listed"; exit 1; }
if grep -q '^so/home.title.wav' missing.txt; then echo "FAIL: home.title has a clip"; exit 1; fi
tail -1 missing.txt
# and without the clips the same kiosk says on screen that Somali cannot be read aloud
rm -r "$work/audio/so"
cat > "$work/none.replay" <<'REPLAY'
key return
focus-to language.so
key return
focus-to home.speech
key space
expect-text speech.unavailable Weli luqaddan kor uma akhrin karno
REPLAY
"$KIOSK_BIN" --headless --replay "$work/none.replay" --config "$work/kiosk.ini" 2> err.txt \
  || { cat err.txt; echo "FAIL: Somali without clips"; exit 1; }
grep -q "so has no espeak-ng voice and no recordings" err.txt \
  || { cat err.txt; echo "FAIL: the missing recordings were not logged"; exit 1; }
echo "speech_clips_somali: ok"
