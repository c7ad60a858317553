# Thin wrapper: `make demo` and `make test` install what is missing, build, then run.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build demo test crash-test bench soak clean

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

# The full crash test: 100 payments, the kiosk killed at every point of the payment path.
crash-test: build
	@KIOSK_BUILD=$(abspath $(BUILD)) tests/crash/run.sh --payments 100
bench: build
	@tests/bench/run-all.sh

soak: build
	@KIOSK_BUILD=$(BUILD) tests/soak/soak.sh $${SOAK_JOURNEYS:-1000}

clean:
	rm -rf $(BUILD)
