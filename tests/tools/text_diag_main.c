/* text-diag: runs the text engine's diagnostics before main.c wires them into kiosk.
 *   text-diag --render-text TEXT --lang L --px N [--width PX] --out F.png
 *   text-diag --layout-dump TEXT --lang L --px N [--width PX] */
#include "text/text_diag.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--render-text") == 0) {
            return text_diag_render(argc, argv);
        }
        if (strcmp(argv[i], "--layout-dump") == 0) {
            return text_diag_layout_dump(argc, argv);
        }
    }
    fprintf(stderr, "usage: text-diag --render-text TEXT ... | --layout-dump TEXT ...\n");
    return 2;
}
