# Thin wrapper over CMake presets. `make run` opens the console, `make test` runs every test.
PRESET ?= default
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)

# A compiler cache, when the machine has one, keyed on paths relative to this checkout so that
# fresh clones and worktrees share it.
ifneq ($(shell command -v ccache 2>/dev/null),)
export CMAKE_CXX_COMPILER_LAUNCHER ?= ccache
export CMAKE_C_COMPILER_LAUNCHER ?= ccache
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1
endif

.PHONY: deps configure build run test tsan bench format clean

deps:
	@bash packaging/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/app/console/bridgecore-console

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# The engine, server and client tests under ThreadSanitizer (their own build in build/tsan).
tsan: deps
	@cmake --preset tsan >/dev/null
	@cmake --build build/tsan -j $(JOBS)
	ctest --preset tsan -j $(JOBS)

bench: build
	@for b in $(BUILD_DIR)/tests/benchmarks/*_bench; do echo "== $$b"; $$b || exit 1; done

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build
