# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/usb
# Build directory: /work/wt-16-layout/build2/tests/usb
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[usb_drivers]=] "/usr/bin/umockdev-wrapper" "/work/wt-16-layout/build2/bin/test_usb")
set_tests_properties([=[usb_drivers]=] PROPERTIES  SKIP_RETURN_CODE "77" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/usb/CMakeLists.txt;11;add_test;/work/wt-16-layout/tests/usb/CMakeLists.txt;0;")
add_test([=[usb_list_devices]=] "/usr/bin/umockdev-run" "-d" "/work/wt-16-layout/tests/usb/data/printer.umockdev" "-d" "/work/wt-16-layout/tests/usb/data/reader.umockdev" "--" "/work/wt-16-layout/build2/bin/kiosk" "--list-devices")
set_tests_properties([=[usb_list_devices]=] PROPERTIES  PASS_REGULAR_EXPRESSION "printer  bus 001 address 002  04b8:0202  driver usbprn  Epson TM-T88 family: profile tm-t88, 80 mm paper, 42 columns[^
]*cutter
reader   bus 001 address 003  0801:0002  driver hidrdr  MagTek USB HID Swipe Reader: plain reader" TIMEOUT "60" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/usb/CMakeLists.txt;17;add_test;/work/wt-16-layout/tests/usb/CMakeLists.txt;0;")
add_test([=[usb_list_devices_profiles]=] "/usr/bin/umockdev-run" "-d" "/work/wt-16-layout/tests/usb/data/magnesafe-hid.umockdev" "-d" "/work/wt-16-layout/tests/usb/data/magnesafe-kb.umockdev" "-d" "/work/wt-16-layout/tests/usb/data/printer-58mm.umockdev" "-d" "/work/wt-16-layout/tests/usb/data/printer-48col.umockdev" "--" "/work/wt-16-layout/build2/bin/kiosk" "--list-devices")
set_tests_properties([=[usb_list_devices_profiles]=] PROPERTIES  PASS_REGULAR_EXPRESSION "reader   bus 001 address 004  0801:0011  driver hidrdr  MagTek Dynamag \\(MagneSafe V5, HID\\): MagneSafe, encrypting[^
]*
reader   bus 001 address 005  0801:0001  driver wedge  MagTek SureSwipe/Dynamag \\(keyboard emulation\\)[^
]*
printer  bus 001 address 006  0416:5011  driver usbprn  58 mm thermal printer \\(POS-58\\): profile 58mm, 58 mm paper, 32 columns, PC850, QR as raster image, tear-off \\(no cutter\\)
printer  bus 001 address 007  04b8:0e15  driver usbprn  Epson TM-T20II: profile tm-t20, 80 mm paper, 48 columns, WPC1252, QR native, cutter
" TIMEOUT "60" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/usb/CMakeLists.txt;25;add_test;/work/wt-16-layout/tests/usb/CMakeLists.txt;0;")
add_test([=[usb_list_devices_validator]=] "/usr/bin/umockdev-run" "-d" "/work/wt-16-layout/tests/usb/data/printer.umockdev" "-d" "/work/wt-16-layout/tests/usb/data/validator.umockdev" "--" "/work/wt-16-layout/build2/bin/kiosk" "--list-devices")
set_tests_properties([=[usb_list_devices_validator]=] PROPERTIES  PASS_REGULAR_EXPRESSION "printer  bus 001 address 002  04b8:0202  driver usbprn[^
]*
validator bus 001 address 004  191c:4104  driver essp  ITL banknote validator: bill validator, SSP encrypted \\(eSSP\\) over USB CDC
" TIMEOUT "60" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/usb/CMakeLists.txt;33;add_test;/work/wt-16-layout/tests/usb/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "usb")
