//! The fuzz targets (fuzz/src/targets.rs) on stable, in every test run: each crash libFuzzer
//! ever found, kept under tests/fuzz-regressions/<target>/, is replayed; then a short pass of
//! inputs mutated from the seeds (fuzz/seeds/<target>/) with a fixed random seed. The long runs
//! are `scripts/fuzz` (cargo fuzz, nightly).

#[path = "../../fuzz/src/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Inputs of the short pass, per target.
const SHORT_PASS: usize = 3_000;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .map(|p| {
                    let bytes = std::fs::read(&p).unwrap();
                    (p, bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Runs `target` on `input`, naming the input when it panics.
fn check(name: &str, target: fn(&[u8]), what: &str, input: &[u8]) {
    let outcome = std::panic::catch_unwind(|| target(input));
    assert!(
        outcome.is_ok(),
        "fuzz target {name} panics on {what}: {:?}",
        String::from_utf8_lossy(input)
    );
}

#[test]
fn every_crash_found_by_fuzzing_stays_fixed() {
    let mut replayed = 0;
    for (name, target) in targets::TARGETS {
        for (path, bytes) in files(&root().join("tests/fuzz-regressions").join(name)) {
            check(name, *target, &path.display().to_string(), &bytes);
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "tests/fuzz-regressions holds the crashes found so far"
    );
}

/// One mutation of `input`: a byte flipped, inserted, removed or duplicated, or a chunk of
/// another seed spliced in.
fn mutate(rng: &mut StdRng, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    const INTERESTING: &[&[u8]] = &[
        b"0",
        b"-",
        b".",
        b"e",
        b"9999999999999999999999",
        b"\xff",
        b"\"",
        b"{",
        b"}",
        b"[",
        b"]",
        b",",
        b"\n",
        b"=",
        b"/",
        b"null",
        b"1e308",
        b"d",
        b"w",
        b"\r\n",
        b"\0",
    ];
    let at = if input.is_empty() {
        0
    } else {
        rng.gen_range(0..=input.len())
    };
    match rng.gen_range(0..6) {
        0 if !input.is_empty() => {
            let i = rng.gen_range(0..input.len());
            input[i] ^= 1 << rng.gen_range(0..8);
        }
        1 => input.insert(at, rng.gen()),
        2 if !input.is_empty() => {
            input.remove(rng.gen_range(0..input.len()));
        }
        3 => {
            let token = INTERESTING[rng.gen_range(0..INTERESTING.len())];
            input.splice(at..at, token.iter().copied());
        }
        4 if !seeds.is_empty() => {
            let other = &seeds[rng.gen_range(0..seeds.len())];
            if !other.is_empty() {
                let from = rng.gen_range(0..other.len());
                let to = rng.gen_range(from..=other.len());
                input.splice(at..at, other[from..to].iter().copied());
            }
        }
        _ => {
            if at < input.len() {
                let end = rng.gen_range(at..=input.len());
                let chunk: Vec<u8> = input[at..end].to_vec();
                input.splice(end..end, chunk);
            }
        }
    }
}

#[test]
fn a_short_pass_of_every_target_over_mutated_seeds() {
    let mut rng = StdRng::seed_from_u64(15);
    for (name, target) in targets::TARGETS {
        let seeds: Vec<Vec<u8>> = files(&root().join("fuzz/seeds").join(name))
            .into_iter()
            .map(|(_, b)| b)
            .collect();
        assert!(!seeds.is_empty(), "fuzz/seeds/{name} has seeds");
        for seed in &seeds {
            check(name, *target, "a seed", seed);
        }
        for _ in 0..SHORT_PASS {
            let mut input = seeds[rng.gen_range(0..seeds.len())].clone();
            for _ in 0..rng.gen_range(1..8) {
                mutate(&mut rng, &mut input, &seeds);
            }
            check(name, *target, "a mutated seed", &input);
        }
    }
}
