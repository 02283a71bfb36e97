"""One feature set for every native dev build (CI time, docs/PERFORMANCE.md "CI time").

`cargo test --workspace` resolves features with the dev-dependencies; `cargo build --workspace`
(scripts/gen-bindings, scripts/bench-js) and maturin's `cargo run --bin uniffi-bindgen`
(scripts/python-wheel) resolve them without, and for fewer packages. Where a crate's features
differ, it and everything above it compile again: that was uniffi's generator, tsi-ffi and
serde's derive stack, three times per CI run. crates/uniffi-bindgen declares the features the others would miss; this check
holds that: each build's units must be units of the test build, but for its own binary.
Needs cargo's unit graph (-Z unstable-options, allowed by RUSTC_BOOTSTRAP=1; nothing is built).
"""
import json
import os
import subprocess
import sys

BUILDS = {
    "scripts/gen-bindings, scripts/bench-js": ["build", "--workspace"],
    "maturin (scripts/python-wheel)": ["run", "--bin", "uniffi-bindgen"],
}
OWN_BINARIES = {("uniffi-bindgen", "uniffi-bindgen"), ("tsi-cli", "tsi")}


def units(args):
    """The compiled units of `cargo <args>`: (package, target, features, opt-level)."""
    env = dict(os.environ, RUSTC_BOOTSTRAP="1")
    # `cargo run --unit-graph` prints the graph and then fails for want of a binary: read stdout.
    run = subprocess.run(["cargo", *args, "--unit-graph", "-Z", "unstable-options"],
                         env=env, capture_output=True, text=True)
    if not run.stdout.strip():
        sys.exit(f"cargo {' '.join(args)} --unit-graph: {run.stderr.strip()}")
    found = set()
    for unit in json.loads(run.stdout)["units"]:
        if unit["mode"] != "build" or unit["target"]["kind"] == ["custom-build"]:
            continue
        source, _, version = unit["pkg_id"].partition("#")
        # registry+…#syn@3.0.10, or path+file:///…/crates/uniffi-bindgen#0.1.0
        package = version.split("@")[0] if "@" in version else source.rsplit("/", 1)[-1]
        found.add((package, unit["target"]["name"], ",".join(sorted(unit["features"])),
                   unit["profile"]["opt_level"]))
    return found


def main():
    tested = units(["test", "--workspace", "--no-run"])
    failed = False
    for name, args in BUILDS.items():
        extra = {u for u in units(args) - tested if (u[0], u[1]) not in OWN_BINARIES}
        for unit in sorted(extra):
            failed = True
            print(f"{name} (cargo {' '.join(args)}) compiles {unit[0]} [{unit[2]}] other than the tests")
    if failed:
        print("declare the features the tests give these crates in crates/uniffi-bindgen/Cargo.toml")
        return 1
    print(f"one feature set: {len(BUILDS)} builds reuse the test build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
