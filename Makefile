# Two commands for a newcomer on Debian 12 / Ubuntu 24.04 (they install whatever is missing first):
#   make run    open the window
#   make test   run every check and test, as CI does
# Other targets: make ui, make bindings, make lint, make bundle (.deb and .rpm), make install-test
# (the .deb on clean Debian 12 and 13 systems), make screenshots
# (every main screen in both languages and both colour schemes, into docs/screenshots), make clean.

.PHONY: run test deps test-deps ui bindings lint bundle install-test screenshots bench clean

run: deps ui
	cargo run

test: test-deps ui lint
	npm --prefix ui test
	scripts/test-session cargo test --workspace --all-targets

deps:
	scripts/install-deps

test-deps:
	scripts/install-deps --with-driver

ui:
	npm --prefix ui run build

# Regenerates ui/src/bindings.ts from the Rust commands (make test fails while it is stale).
bindings:
	UPDATE_BINDINGS=1 cargo test --bin factorial-connect-app bindings
	UPDATE_BINDINGS=1 cargo test --lib i18n
	npm --prefix ui run build

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	npm --prefix ui run check

# The .deb and .rpm, through the Tauri CLI (it reads tauri.conf.json at the root).
bundle: deps ui
	npm exec --yes --package=@tauri-apps/cli@^2 -- tauri build --bundles deb,rpm

# The .deb installed, used, upgraded and removed on clean Debian 12 and 13 systems (debootstrap; root or
# sudo). Not part of `make test`: it needs release builds of this version and the previous one.
install-test: test-deps
	scripts/install-test

# Factorial Connect beside a bare Tauri app with the same plugins (bench/), in one run: release
# builds of both (sharing the compiled dependencies), then bench/measure.py in the test session.
bench: test-deps ui
	cargo build --release --bins
	CARGO_TARGET_DIR=$(CURDIR)/target cargo build --release --manifest-path bench/Cargo.toml
	scripts/test-session python3 bench/measure.py

screenshots: test-deps ui
	scripts/test-session cargo test --test screenshots -- --ignored

clean:
	cargo clean
	rm -rf ui/public/js ui/node_modules
