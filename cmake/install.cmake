# Install layout (GNUInstallDirs; packages use prefix /usr, so sysconfdir is /etc):
#   bin/kiosk                         component "kiosk"    (Debian package kiosk)
#   bin/kiosk-reports, bin/kiosk-intake component "receiver" (Debian package kiosk-receiver)
#   share/kiosk/{locales,config,assets} read-only content (never the sample receiver key)
#   libexec/kiosk/kiosk-cage          the cage launcher the unit starts
#   <systemd unit dir>/kiosk.service, <sysusers dir>/kiosk.conf
#   etc/kiosk/kiosk.ini               the annotated configuration (a conffile)
# Local services.ini / areas.ini go next to kiosk.ini in /etc/kiosk and win over the
# packaged ones (platform/paths.h); no package owns them, so upgrades never touch them.

# Where systemd looks, from systemd.pc when present (Debian 12: /lib/systemd/system and
# /usr/lib/sysusers.d), else relative to the prefix.
pkg_get_variable(KIOSK_PC_UNIT_DIR systemd systemdsystemunitdir)
pkg_get_variable(KIOSK_PC_SYSUSERS_DIR systemd sysusersdir)
if(NOT KIOSK_PC_UNIT_DIR)
  set(KIOSK_PC_UNIT_DIR "${CMAKE_INSTALL_LIBDIR}/systemd/system")
endif()
if(NOT KIOSK_PC_SYSUSERS_DIR)
  set(KIOSK_PC_SYSUSERS_DIR "${CMAKE_INSTALL_LIBDIR}/sysusers.d")
endif()
set(KIOSK_SYSTEMD_UNIT_DIR "${KIOSK_PC_UNIT_DIR}" CACHE PATH "systemd system unit directory")
set(KIOSK_SYSUSERS_DIR "${KIOSK_PC_SYSUSERS_DIR}" CACHE PATH "sysusers.d directory")

set(KIOSK_LAUNCHER "${CMAKE_INSTALL_FULL_LIBEXECDIR}/kiosk/kiosk-cage")
set(KIOSK_CONFIG_FILE "${CMAKE_INSTALL_FULL_SYSCONFDIR}/kiosk/kiosk.ini")
set(KIOSK_BIN_PATH "${CMAKE_INSTALL_FULL_BINDIR}/kiosk")
configure_file(config/kiosk.service.in kiosk.service @ONLY)
configure_file(config/kiosk-cage.sh.in kiosk-cage @ONLY)

install(TARGETS kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT kiosk)
install(TARGETS kiosk-post RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/kiosk COMPONENT kiosk)
install(DIRECTORY locales DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk COMPONENT kiosk)
install(FILES config/services.ini config/areas.ini config/kiosk.ini
  DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk/config COMPONENT kiosk)
if(EXISTS ${CMAKE_SOURCE_DIR}/assets)
  install(DIRECTORY assets DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk COMPONENT kiosk)
endif()
install(PROGRAMS ${CMAKE_BINARY_DIR}/kiosk-cage
  DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/kiosk COMPONENT kiosk)
install(FILES ${CMAKE_BINARY_DIR}/kiosk.service DESTINATION ${KIOSK_SYSTEMD_UNIT_DIR}
  COMPONENT kiosk)
install(FILES config/kiosk-sysusers.conf DESTINATION ${KIOSK_SYSUSERS_DIR}
  RENAME kiosk.conf COMPONENT kiosk)
install(FILES config/kiosk.ini DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/kiosk COMPONENT kiosk)
install(FILES docs/man/kiosk.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT kiosk)

# The receiving side's tools: a tool is installed as soon as its target exists, so the
# intake service joins the kiosk-receiver package by being built (add its name here).
set(KIOSK_RECEIVER_TOOLS kiosk-reports kiosk-intake)
foreach(tool ${KIOSK_RECEIVER_TOOLS})
  if(TARGET ${tool})
    install(TARGETS ${tool} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT receiver)
    if(EXISTS ${CMAKE_SOURCE_DIR}/docs/man/${tool}.1)
      install(FILES docs/man/${tool}.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
        COMPONENT receiver)
    endif()
  endif()
endforeach()
# The intake service's unit, its user and its annotated config (package kiosk-receiver).
install(FILES config/kiosk-intake.service DESTINATION ${KIOSK_SYSTEMD_UNIT_DIR} COMPONENT receiver)
install(FILES config/kiosk-intake.sysusers DESTINATION ${KIOSK_SYSUSERS_DIR}
  RENAME kiosk-intake.conf COMPONENT receiver)
install(FILES config/intake.ini DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/kiosk COMPONENT receiver)
