/* Entry point: argument parsing and wiring only. */
#include "platform/config.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("kiosk %s\n", KIOSK_VERSION);
        return 0;
    }
    kiosk_config_t cfg;
    config_defaults(&cfg);
    return 0;
}
