app/common/CMakeFiles/kiosk_common.dir/err.c.o: \
 /work/wt-16-layout/app/common/err.c /usr/include/stdc-predef.h \
 /work/wt-16-layout/app/common/err.h
