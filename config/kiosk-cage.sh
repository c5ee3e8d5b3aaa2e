#!/bin/sh
# Starts the kiosk full screen in cage (a Wayland kiosk compositor: one app, no desktop,
# no way out by key combination). cage is Debian's package "cage".
export SDL_VIDEODRIVER=wayland
exec cage -d -- /usr/bin/kiosk --config /etc/kiosk/kiosk.ini
