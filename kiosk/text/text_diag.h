/* Diagnostic commands of the text engine, wired by main.c to
 *   kiosk --render-text TEXT --lang L --px N [--width PX] --out F.png
 *   kiosk --layout-dump TEXT --lang L --px N [--width PX]
 * Both also take --data-dir DIR and --font-dir DIR (defaults from config_defaults()),
 * --bold and --max-lines N. They make their own software renderer (no window). */
#ifndef KIOSK_TEXT_TEXT_DIAG_H
#define KIOSK_TEXT_TEXT_DIAG_H

/** argv is the whole command line; TEXT follows "--render-text". Writes the text black on
 *  white, framed with a 10 px margin, to --out. Returns the process exit code (0 ok,
 *  1 failure, 2 usage). */
int text_diag_render(int argc, char **argv);

/** argv is the whole command line; TEXT follows "--layout-dump". Prints JSON to stdout:
 *  {"lines":[{"runs":[{"text","start","length","script","dir","font","x","width"}...],
 *  "width"}...], "missing_glyphs":N, "width", "height"} with runs in visual order and
 *  start/length in code points. Returns the process exit code. */
int text_diag_layout_dump(int argc, char **argv);

#endif
