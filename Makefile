# Thin wrapper: `make demo` and `make test` install what is missing, build, then run.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build demo test bench soak package clean

all: build

deps:
	@sh scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@tests/bench/run-all.sh

soak: build
	@KIOSK_BUILD=$(BUILD) tests/soak/soak.sh $${SOAK_JOURNEYS:-1000}

clean:
	rm -rf $(BUILD)

# The kiosk image as a .deb (board/generic-x86: units, sysusers, udev rules, configuration).
package: build
	@cd $(BUILD) && cpack -G DEB
