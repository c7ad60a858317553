# `make package`: one .deb for a generic x86 kiosk (CPack's DEB generator).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kiosk)
set(CPACK_PACKAGE_VENDOR "City kiosk team")
set(CPACK_PACKAGE_CONTACT "City IT <it@springfield.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Self-service utility-bill payment kiosk")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
# Libraries found by dpkg-shlibdeps; cage is the compositor the session runs in.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "cage, systemd, fonts-dejavu-core | fontconfig")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${CMAKE_SOURCE_DIR}/board/generic-x86/debian/conffiles
  ${CMAKE_SOURCE_DIR}/board/generic-x86/debian/postinst
  ${CMAKE_SOURCE_DIR}/board/generic-x86/debian/prerm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
