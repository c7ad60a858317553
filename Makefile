# Thin wrapper: `make demo` and `make test` install what is missing, build, then run.
BUILD ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# What the sanitizer build runs: everything but the app-level journeys, i18n and benchmarks.
SAN_LABELS ?= unit|portal|usb|fuzz
FUZZ_SECONDS ?= 60

.PHONY: all deps build demo test test-asan test-tsan fuzz crash-test bench soak package clean

all: build

deps:
	@sh scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo

# Every test on the normal build, then the unit, portal, usb and fuzz-replay tests again under
# ASan+UBSan, then the whole kiosk under ThreadSanitizer (any report fails); prints how long it
# all took, builds included.
test: deps
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory build && (cd $(BUILD) && ctest --output-on-failure -j $(JOBS)) && \
	$(MAKE) --no-print-directory test-asan && $(MAKE) --no-print-directory test-tsan; \
	rc=$$?; echo "make test: $$(($$(date +%s) - start)) s (exit $$rc)"; exit $$rc

# Reports go to files as well as failing their process, so that one from a child the test does
# not watch (portal-sim) still fails the run. The usb tests run apart: under umockdev, whose
# LD_PRELOAD library loads before the ASan runtime (verify_asan_link_order=0), ASan's log_path
# crashes at start, so their reports go to stderr and fail the process the test watches.
SAN_LOGS = $(CURDIR)/$(ASAN_BUILD)/sanitizer-reports
ASAN_OPTS = detect_leaks=1:abort_on_error=1:verify_asan_link_order=0
UBSAN_OPTS = halt_on_error=1:print_stacktrace=1:log_path=$(SAN_LOGS)/ubsan
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DKIOSK_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@rm -rf $(SAN_LOGS) && mkdir -p $(SAN_LOGS)
	@cd $(ASAN_BUILD) && \
	export UBSAN_OPTIONS=$(UBSAN_OPTS); \
	ASAN_OPTIONS=$(ASAN_OPTS):log_path=$(SAN_LOGS)/asan ctest --output-on-failure -j $(JOBS) \
		-L '$(SAN_LABELS)' -LE '^usb$$'; rc=$$?; \
	ASAN_OPTIONS=$(ASAN_OPTS) ctest --output-on-failure -j $(JOBS) -L '^usb$$' || rc=1; \
	if [ -n "$$(ls -A $(SAN_LOGS))" ]; then \
		cat $(SAN_LOGS)/* >&2; echo "test-asan: sanitizer reports above" >&2; exit 1; \
	fi; exit $$rc

# The kiosk, portal-sim and the development PKI under ThreadSanitizer in $(TSAN_BUILD); a payment
# journey runs while kioskctl changes settings 1,000 times (tests/tsan/settings-under-payment.sh).
# Any report from any process fails; suppressions (tests/tsan/suppressions.txt) are for
# third-party libraries only. kioskctl, the client, comes from the normal build.
TSAN_LOGS = $(CURDIR)/$(TSAN_BUILD)/sanitizer-reports
test-tsan: build
	@start=$$(date +%s); \
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_TSAN=ON >/dev/null && \
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target kiosk portal-sim kiosk-pki-files kiosk_locale && \
	rm -rf $(TSAN_LOGS) && mkdir -p $(TSAN_LOGS) && \
	KIOSK_BUILD=$(CURDIR)/$(TSAN_BUILD) KIOSKCTL=$(CURDIR)/$(BUILD)/bin/kioskctl \
	TSAN_REPORTS=$(TSAN_LOGS) \
	TSAN_OPTIONS=log_path=$(TSAN_LOGS)/tsan:suppressions=$(CURDIR)/tests/tsan/suppressions.txt:second_deadlock_stack=1 \
	tests/tsan/settings-under-payment.sh; \
	rc=$$?; echo "make test-tsan: $$(($$(date +%s) - start)) s (exit $$rc)"; exit $$rc

# libFuzzer with clang into build-fuzz/, each target for FUZZ_SECONDS (scripts/fuzz).
fuzz:
	@FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) scripts/fuzz

# The full crash test: 100 card and 44 cash payments, the kiosk killed at every point of the
# payment path; then 60 through the payment terminal, every point under every terminal and
# portal fault.
crash-test: build
	@KIOSK_BUILD=$(abspath $(BUILD)) tests/crash/run.sh --payments 100 --cash 44
	@KIOSK_BUILD=$(abspath $(BUILD)) tests/crash/run.sh --tender terminal --payments 60

bench: build
	@tests/bench/run-all.sh

soak: build
	@KIOSK_BUILD=$(BUILD) tests/soak/soak.sh $${SOAK_JOURNEYS:-1000}

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) build-fuzz

# The kiosk image as a .deb (board/generic-x86: units, sysusers, udev rules, configuration).
package: build
	@cd $(BUILD) && cpack -G DEB
