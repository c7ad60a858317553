file(REMOVE_RECURSE
  "../../bin/test_usb"
  "../../bin/test_usb.pdb"
  "CMakeFiles/test_usb.dir/mockusb.c.o"
  "CMakeFiles/test_usb.dir/mockusb.c.o.d"
  "CMakeFiles/test_usb.dir/test_usb.c.o"
  "CMakeFiles/test_usb.dir/test_usb.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_usb.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
