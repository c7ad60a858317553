file(REMOVE_RECURSE
  "CMakeFiles/kiosk_usb.dir/usbcash.c.o"
  "CMakeFiles/kiosk_usb.dir/usbcash.c.o.d"
  "CMakeFiles/kiosk_usb.dir/usbdev.c.o"
  "CMakeFiles/kiosk_usb.dir/usbdev.c.o.d"
  "CMakeFiles/kiosk_usb.dir/usbprn.c.o"
  "CMakeFiles/kiosk_usb.dir/usbprn.c.o.d"
  "CMakeFiles/kiosk_usb.dir/usbrdr.c.o"
  "CMakeFiles/kiosk_usb.dir/usbrdr.c.o.d"
  "libkiosk_usb.a"
  "libkiosk_usb.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_usb.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
