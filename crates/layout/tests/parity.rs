//! The layout engine against d3-force 3.0.1 itself.
//!
//! The reference comes from `node scripts/layout-reference.mjs target/layout-reference.json`
//! (or the file named by `LAYOUT_REFERENCE`): graphs of three families at 50 and 1,000 nodes,
//! laid out by d3 with positions recorded after 1, 10 and 300 ticks. Without it these tests
//! fail; they never pass vacuously.
//!
//! - Parity mode must reproduce every coordinate. The error of a coordinate is
//!   |ours − d3's| / max(1, |d3's|): absolute for coordinates up to 1 in size, relative above,
//!   so a layout hundreds of units across is held to the same number of significant digits.
//!   It must be below 1e-9 everywhere.
//! - Fast mode must lay out the 1,000-node graphs as well as parity mode, within 5% on each
//!   quality metric, counting only the worse direction: for stress and edge-length variation
//!   (lower is better) fast may exceed parity by at most 5% of parity's value; for
//!   neighbourhood preservation and minimum node distance (higher is better) fall short by at
//!   most 5%. One layout is one sample of a chaotic process, though: d3 itself, started from
//!   its spiral moved by less than a unit, gives minimum node distances 25-40% apart (the
//!   closest pair is wherever two nodes happen to cross) and neighbourhood preservation
//!   2-7% apart. So both modes lay out each graph from the same [`STARTS`] starting layouts
//!   (d3's spiral, then jittered copies), means are compared, and the allowance is 5% of
//!   parity's mean plus [`NOISE_ALLOWANCE`] standard errors of the difference of the means.
//!   For stress and edge-length variation the noise term is a fraction of a percent and the
//!   criterion is in effect the plain 5%; for minimum node distance on graphs without a
//!   collision force no handful of runs can resolve 5% (40 runs of each mode on
//!   components-1000 give means 2% apart with a 27% spread), so there the test catches real
//!   regressions (overlapping nodes, a scrambled layout), not the luck of one trajectory.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use force_layout::{
    Center, Collide, FastManyBody, LayoutError, Link, ManyBody, Nodes, Position, Quality, Simulation, Values,
};
use serde::Deserialize;

const TOLERANCE: f64 = 1e-9;
const QUALITY_MARGIN: f64 = 0.05;
/// Starting layouts per graph and mode for the quality comparison.
const STARTS: u64 = 6;
/// Standard errors of noise allowed on top of the 5% margin: with sixteen comparisons (four
/// metrics on four graphs) and standard errors estimated from a few runs, noise alone should
/// fail none of them.
const NOISE_ALLOWANCE: f64 = 4.0;
/// How far (at most, per coordinate) a jittered start moves a node from d3's spiral.
const JITTER: f64 = 0.5;

#[derive(Deserialize)]
struct Reference {
    d3_force_version: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    n: usize,
    links: Vec<(usize, usize)>,
    forces: Vec<ForceSpec>,
    pinned: Vec<(usize, f64, f64)>,
    initial: Option<Initial>,
    positions: Vec<Checkpoint>,
}

#[derive(Deserialize)]
struct Initial {
    x: Vec<f64>,
    y: Vec<f64>,
}

/// Coordinates are JavaScript's shortest round-trip decimals, which `str::parse` turns back
/// into the exact doubles.
#[derive(Deserialize)]
struct Checkpoint {
    ticks: usize,
    x: Vec<String>,
    y: Vec<String>,
}

/// A force as the script records it: only the parameters it set, the rest left to defaults.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase", deny_unknown_fields)]
enum ForceSpec {
    ManyBody { strength: Option<Param>, theta: Option<f64>, distance_min: Option<f64>, distance_max: Option<f64> },
    Link { distance: Option<Param>, strength: Option<Param>, iterations: Option<usize> },
    Center { x: Option<f64>, y: Option<f64>, strength: Option<f64> },
    Collide { radius: Option<Param>, strength: Option<f64>, iterations: Option<usize> },
    X { target: Option<Param>, strength: Option<Param> },
    Y { target: Option<Param>, strength: Option<Param> },
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Param {
    One(f64),
    Each(Vec<f64>),
}

impl From<&Param> for Values {
    fn from(param: &Param) -> Self {
        match param {
            Param::One(value) => Values::All(*value),
            Param::Each(values) => Values::Each(values.clone()),
        }
    }
}

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let path = manifest.join(std::env::var("LAYOUT_REFERENCE").unwrap_or("target/layout-reference.json".into()));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
            panic!(
                "cannot read the d3 reference layouts at {} ({error}); generate them with \
                 `node scripts/layout-reference.mjs target/layout-reference.json` (after `npm install`)",
                path.display()
            )
        });
        let reference: Reference = serde_json::from_str(&text).expect("the reference file is not valid");
        assert_eq!(reference.d3_force_version, "3.0.1", "the reference must come from d3-force 3.0.1");
        assert!(!reference.cases.is_empty(), "the reference file has no cases");
        reference
    })
}

/// Which many-body force stands in for d3's `forceManyBody`: d3's own algorithm ([`ManyBody`],
/// "parity mode") or the fast multipole one ([`FastManyBody`], "fast mode").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Parity,
    Fast,
}

/// Sets the force `spec` on `simulation` under d3's name for it in the reference script.
fn set_force(
    simulation: &mut Simulation,
    name: String,
    spec: &ForceSpec,
    links: &[(usize, usize)],
    mode: Mode,
) -> Result<(), LayoutError> {
    let set = match spec {
        ForceSpec::ManyBody { strength, theta, distance_min, distance_max } => match mode {
            Mode::Parity => {
                let mut force = ManyBody::new();
                if let Some(strength) = strength {
                    force = force.strength(strength);
                }
                if let Some(theta) = theta {
                    force = force.theta(*theta);
                }
                if let Some(distance) = distance_min {
                    force = force.distance_min(*distance);
                }
                if let Some(distance) = distance_max {
                    force = force.distance_max(*distance);
                }
                simulation.set_force(name, force)
            }
            Mode::Fast => {
                // theta is left at the fast force's default: its criterion is not d3's.
                let mut force = FastManyBody::new();
                if let Some(strength) = strength {
                    force = force.strength(strength);
                }
                if let Some(distance) = distance_min {
                    force = force.distance_min(*distance);
                }
                if let Some(distance) = distance_max {
                    force = force.distance_max(*distance);
                }
                simulation.set_force(name, force)
            }
        },
        ForceSpec::Link { distance, strength, iterations } => {
            let mut force = Link::new(links.to_vec());
            if let Some(distance) = distance {
                force = force.distance(distance);
            }
            if let Some(strength) = strength {
                force = force.strength(strength);
            }
            if let Some(iterations) = iterations {
                force = force.iterations(*iterations);
            }
            simulation.set_force(name, force)
        }
        ForceSpec::Center { x, y, strength } => {
            let mut force = Center::new(x.unwrap_or(0.0), y.unwrap_or(0.0));
            if let Some(strength) = strength {
                force = force.strength(*strength);
            }
            simulation.set_force(name, force)
        }
        ForceSpec::Collide { radius, strength, iterations } => {
            let mut force = Collide::new(radius.as_ref().map_or(Values::All(1.0), Values::from));
            if let Some(strength) = strength {
                force = force.strength(*strength);
            }
            if let Some(iterations) = iterations {
                force = force.iterations(*iterations);
            }
            simulation.set_force(name, force)
        }
        ForceSpec::X { target, strength } | ForceSpec::Y { target, strength } => {
            let target = target.as_ref().map_or(Values::All(0.0), Values::from);
            let mut force = if matches!(spec, ForceSpec::X { .. }) { Position::x(target) } else { Position::y(target) };
            if let Some(strength) = strength {
                force = force.strength(strength);
            }
            simulation.set_force(name, force)
        }
    };
    set.map(|_| ())
}

/// d3's name for a force spec's type, as the reference script names forces.
fn type_name(spec: &ForceSpec) -> &'static str {
    match spec {
        ForceSpec::ManyBody { .. } => "manyBody",
        ForceSpec::Link { .. } => "link",
        ForceSpec::Center { .. } => "center",
        ForceSpec::Collide { .. } => "collide",
        ForceSpec::X { .. } => "x",
        ForceSpec::Y { .. } => "y",
    }
}

/// The simulation d3 ran for `case`; with `jitter`, every node starts moved by up to that much
/// per coordinate from where d3 would place it (`start` seeds the moves).
fn simulation(case: &Case, mode: Mode, jitter: Option<(f64, u64)>) -> Simulation {
    let mut nodes = Nodes::new(case.n);
    if let Some(initial) = &case.initial {
        for (i, (&x, &y)) in initial.x.iter().zip(&initial.y).enumerate() {
            nodes.set_position(i, x, y);
        }
    }
    for &(node, fx, fy) in &case.pinned {
        nodes.set_fixed(node, Some(fx), Some(fy));
    }
    if let Some((amount, start)) = jitter {
        let placed = Simulation::new(nodes.clone());
        let mut random = Xorshift::new(start);
        for i in 0..case.n {
            let dx = (random.unit() - 0.5) * 2.0 * amount;
            let dy = (random.unit() - 0.5) * 2.0 * amount;
            nodes.set_position(i, placed.x()[i] + dx, placed.y()[i] + dy);
        }
    }
    let mut simulation = Simulation::new(nodes);
    for (i, spec) in case.forces.iter().enumerate() {
        let name = format!("{}-{i}", type_name(spec));
        set_force(&mut simulation, name, spec, &case.links, mode)
            .unwrap_or_else(|error| panic!("{}: {error}", case.name));
    }
    simulation
}

/// A small deterministic generator for test graphs and jitter.
struct Xorshift(u64);

impl Xorshift {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn parse(values: &[String]) -> Vec<f64> {
    values.iter().map(|value| value.parse().expect("a coordinate")).collect()
}

/// The largest error over a checkpoint, by this file's definition, and how many coordinates are
/// bit for bit d3's.
fn compare(ours: &[f64], theirs: &[f64]) -> (f64, usize) {
    assert_eq!(ours.len(), theirs.len());
    ours.iter().zip(theirs).fold((0.0, 0), |(worst, exact), (&a, &b)| {
        let error = if a == b { 0.0 } else { (a - b).abs() / b.abs().max(1.0) };
        // NaN must count as a failure, so compare in the direction that NaN fails.
        let worst = if error <= worst {
            worst
        } else if error.is_nan() {
            f64::INFINITY
        } else {
            error
        };
        (worst, exact + usize::from(a.to_bits() == b.to_bits()))
    })
}

#[test]
fn parity_mode_matches_d3_at_every_checkpoint() {
    let mut failures = Vec::new();
    for case in &reference().cases {
        let mut simulation = simulation(case, Mode::Parity, None);
        let mut ticked = 0;
        let mut report = Vec::new();
        let mut case_worst: f64 = 0.0;
        for checkpoint in &case.positions {
            simulation.tick_n(checkpoint.ticks - ticked);
            ticked = checkpoint.ticks;
            let (error_x, exact_x) = compare(simulation.x(), &parse(&checkpoint.x));
            let (error_y, exact_y) = compare(simulation.y(), &parse(&checkpoint.y));
            let worst = error_x.max(error_y);
            case_worst = case_worst.max(worst);
            report.push(format!(
                "tick {}: max error {worst:.1e}, {}/{} exact",
                checkpoint.ticks,
                exact_x + exact_y,
                2 * case.n
            ));
            if worst >= TOLERANCE {
                failures.push(format!("{} at tick {}: max error {worst:e}", case.name, checkpoint.ticks));
            }
        }
        println!("{:<28} max error {case_worst:.1e}  ({})", case.name, report.join("; "));
    }
    assert!(failures.is_empty(), "parity mode differs from d3 beyond {TOLERANCE:e}:\n{}", failures.join("\n"));
}

/// The quality of each of the [`STARTS`] layouts of `case` after 300 ticks.
fn qualities(case: &Case, mode: Mode) -> Vec<Quality> {
    (0..STARTS)
        .map(|start| {
            let jitter = (start > 0).then_some((JITTER, start));
            let mut simulation = simulation(case, mode, jitter);
            simulation.tick_n(300);
            Quality::measure(simulation.x(), simulation.y(), &case.links)
        })
        .collect()
}

/// Mean and sample variance.
fn mean_and_variance(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    (mean, values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0))
}

#[test]
fn fast_mode_quality_is_within_5_percent_of_parity_mode() {
    let large: Vec<&Case> = reference().cases.iter().filter(|case| case.n >= 1000).collect();
    assert!(!large.is_empty(), "the reference has no 1,000-node case");
    type Metric = fn(&Quality) -> f64;
    let metrics: [(&str, Metric, bool); 4] = [
        ("stress", |q| q.stress, true),
        ("neighbourhood preservation", |q| q.neighbourhood_preservation, false),
        ("min node distance", |q| q.min_node_distance, false),
        ("edge length variation", |q| q.edge_length_variation, true),
    ];
    let mut failures = Vec::new();
    for case in large {
        let parity = qualities(case, Mode::Parity);
        let fast = qualities(case, Mode::Fast);
        for (metric, value, lower_is_better) in metrics {
            let (parity_mean, parity_variance) = mean_and_variance(&parity.iter().map(value).collect::<Vec<_>>());
            let (fast_mean, fast_variance) = mean_and_variance(&fast.iter().map(value).collect::<Vec<_>>());
            let standard_error = ((parity_variance + fast_variance) / STARTS as f64).sqrt();
            let allowed = QUALITY_MARGIN * parity_mean.abs() + NOISE_ALLOWANCE * standard_error;
            let worse_by = if lower_is_better { fast_mean - parity_mean } else { parity_mean - fast_mean };
            println!(
                "{:<28} {metric:<27} parity {parity_mean:.4} ±{:.1}%  fast {fast_mean:.4} ±{:.1}%  change {:+.1}%, worse by at most {:.1}% allowed",
                case.name,
                parity_variance.sqrt() / parity_mean * 100.0,
                fast_variance.sqrt() / fast_mean * 100.0,
                (fast_mean - parity_mean) / parity_mean * 100.0,
                allowed / parity_mean * 100.0,
            );
            // Written so that a NaN metric fails.
            let within = worse_by <= allowed;
            if !within {
                failures.push(format!("{}: {metric}: parity {parity_mean}, fast {fast_mean}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "fast mode is worse than parity mode beyond the allowance:\n{}", failures.join("\n"));
}

/// A Barabási–Albert graph: each new node links to two distinct earlier nodes chosen in
/// proportion to degree.
fn preferential_attachment(n: usize) -> Vec<(usize, usize)> {
    let mut random = Xorshift::new(1);
    let mut links = vec![(0, 1), (1, 2), (2, 0)];
    let mut ends = vec![0, 1, 1, 2, 2, 0];
    for node in 3..n {
        let first = ends[random.below(ends.len())];
        let second = loop {
            let candidate = ends[random.below(ends.len())];
            if candidate != first {
                break candidate;
            }
        };
        for target in [first, second] {
            links.push((node, target));
            ends.extend([node, target]);
        }
    }
    links
}

/// Timing, not a check: `cargo test --release -p force-layout --test parity -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement to read, not a check; run it in release mode"]
fn time_parity_and_fast_modes() {
    for n in [1_000, 10_000] {
        let links = preferential_attachment(n);
        for mode in [Mode::Parity, Mode::Fast] {
            let mut simulation = Simulation::new(Nodes::new(n));
            match mode {
                Mode::Parity => simulation.set_force("charge", ManyBody::new()),
                Mode::Fast => simulation.set_force("charge", FastManyBody::new()),
            }
            .unwrap();
            simulation.set_force("link", Link::new(links.clone())).unwrap();
            simulation.set_force("center", Center::default()).unwrap();
            let start = Instant::now();
            simulation.tick_n(300);
            let elapsed = start.elapsed();
            let quality = Quality::measure(simulation.x(), simulation.y(), &links);
            println!("{n:>6} nodes {mode:?}: 300 ticks in {:.0} ms; {quality:?}", elapsed.as_secs_f64() * 1000.0);
        }
    }
}
