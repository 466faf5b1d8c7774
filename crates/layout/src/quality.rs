//! Layout quality metrics: numbers that say how well positions show a graph, to compare layout
//! engines (d3's many-body force against the fast one) rather than to judge a layout in
//! absolute terms.
//!
//! Every metric is scale-free: multiplying all positions by a constant leaves it unchanged.
//! The graph is given as its links (node index pairs); repeated links count once for
//! neighbourhoods and distances, and self-loops are ignored. A metric with nothing to measure
//! (no links, no connected pair) is NaN.

use std::collections::VecDeque;

/// All four metrics of one layout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quality {
    /// [`normalised_stress`]: lower is better.
    pub stress: f64,
    /// [`neighbourhood_preservation`]: higher is better.
    pub neighbourhood_preservation: f64,
    /// [`min_node_distance`]: higher is better.
    pub min_node_distance: f64,
    /// [`edge_length_variation`]: lower is better.
    pub edge_length_variation: f64,
}

impl Quality {
    pub fn measure(x: &[f64], y: &[f64], links: &[(usize, usize)]) -> Self {
        Self {
            stress: normalised_stress(x, y, links),
            neighbourhood_preservation: neighbourhood_preservation(x, y, links),
            min_node_distance: min_node_distance(x, y, links),
            edge_length_variation: edge_length_variation(x, y, links),
        }
    }
}

/// Distinct neighbours of each node, self-loops left out.
fn neighbours(count: usize, links: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut neighbours = vec![Vec::new(); count];
    for &(a, b) in links.iter().filter(|(a, b)| a != b) {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    for list in &mut neighbours {
        list.sort_unstable();
        list.dedup();
    }
    neighbours
}

fn distance(x: &[f64], y: &[f64], i: usize, j: usize) -> f64 {
    let (dx, dy) = (x[i] - x[j], y[i] - y[j]);
    libm::sqrt(dx * dx + dy * dy)
}

/// Normalised stress: how far layout distances are from graph distances, after the best
/// uniform scaling of the layout.
///
/// For every pair i < j in the same component, with d = the number of links on a shortest
/// path (breadth-first search) and l = the layout distance, and weights w = 1/d² (the usual
/// choice, so that every pair counts by its relative error):
///
/// stress(s) = Σ w (s·l − d)²,  minimised at s* = Σ w·d·l / Σ w·l²,
///
/// and the result is stress(s*) / Σ w·d², which with these weights is
/// 1 − (Σ l/d)² / (Σ (l/d)² · P) for P pairs: 0 when layout distances are exactly
/// proportional to graph distances, 1 when they carry no information (all nodes in one place).
/// Takes O(n·(n + m)) time.
pub fn normalised_stress(x: &[f64], y: &[f64], links: &[(usize, usize)]) -> f64 {
    let n = x.len();
    let neighbours = neighbours(n, links);
    let (mut sum_ratio, mut sum_ratio2, mut pairs) = (0.0, 0.0, 0.0);
    let mut hops = vec![u32::MAX; n];
    let mut queue = VecDeque::new();
    for source in 0..n {
        hops.fill(u32::MAX);
        hops[source] = 0;
        queue.push_back(source);
        while let Some(node) = queue.pop_front() {
            for &next in &neighbours[node] {
                if hops[next] == u32::MAX {
                    hops[next] = hops[node] + 1;
                    queue.push_back(next);
                }
            }
        }
        for (target, &hops) in hops.iter().enumerate().skip(source + 1) {
            if hops != u32::MAX {
                let ratio = distance(x, y, source, target) / f64::from(hops);
                sum_ratio += ratio;
                sum_ratio2 += ratio * ratio;
                pairs += 1.0;
            }
        }
    }
    if pairs == 0.0 {
        f64::NAN
    } else if sum_ratio2 == 0.0 {
        1.0
    } else {
        1.0 - sum_ratio * sum_ratio / (sum_ratio2 * pairs)
    }
}

/// Neighbourhood preservation: whether a node's nearest nodes on screen are its neighbours in
/// the graph.
///
/// For each node i with k ≥ 1 graph neighbours N(i), let L(i) be the k nodes nearest to i in
/// the layout (ties broken by lower index); the score is the mean over those nodes of the
/// Jaccard index |N(i) ∩ L(i)| / |N(i) ∪ L(i)|. 1 means every node's nearest nodes are exactly
/// its neighbours; 0 means none are. Takes O(n²) time.
pub fn neighbourhood_preservation(x: &[f64], y: &[f64], links: &[(usize, usize)]) -> f64 {
    let n = x.len();
    let neighbours = neighbours(n, links);
    let (mut total, mut counted) = (0.0, 0usize);
    let mut others: Vec<(f64, usize)> = Vec::with_capacity(n);
    for (i, graph) in neighbours.iter().enumerate() {
        let k = graph.len();
        if k == 0 {
            continue;
        }
        others.clear();
        others.extend((0..n).filter(|&j| j != i).map(|j| (distance(x, y, i, j), j)));
        others.select_nth_unstable_by(k - 1, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let shared = others[..k].iter().filter(|(_, j)| graph.binary_search(j).is_ok()).count();
        total += shared as f64 / (2 * k - shared) as f64;
        counted += 1;
    }
    total / counted as f64
}

/// The length of each link, self-loops left out.
fn edge_lengths(x: &[f64], y: &[f64], links: &[(usize, usize)]) -> Vec<f64> {
    links.iter().filter(|(a, b)| a != b).map(|&(a, b)| distance(x, y, a, b)).collect()
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Minimum node distance: the smallest distance between two nodes, divided by the mean link
/// length, so that it says how close the closest pair is compared with how long links are
/// (0 means two nodes overlap exactly). Takes O(n log n) time for a spread-out layout (a sweep
/// along x), O(n²) at worst.
pub fn min_node_distance(x: &[f64], y: &[f64], links: &[(usize, usize)]) -> f64 {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_unstable_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut closest = f64::INFINITY;
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if x[j] - x[i] >= closest {
                break;
            }
            closest = closest.min(distance(x, y, i, j));
        }
    }
    closest / mean(&edge_lengths(x, y, links))
}

/// Edge-length variation: the coefficient of variation of link lengths, σ / μ (population
/// standard deviation over mean). 0 means every link has the same length, which is what the
/// link force aims for.
pub fn edge_length_variation(x: &[f64], y: &[f64], links: &[(usize, usize)]) -> f64 {
    let lengths = edge_lengths(x, y, links);
    let mu = mean(&lengths);
    let variance = lengths.iter().map(|l| (l - mu) * (l - mu)).sum::<f64>() / lengths.len() as f64;
    libm::sqrt(variance) / mu
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_straight_path_laid_out_straight_is_perfect() {
        let links = [(0, 1), (1, 2), (2, 3)];
        let x = [0.0, 2.0, 4.0, 6.0];
        let y = [1.0; 4];
        let quality = Quality::measure(&x, &y, &links);
        assert!(quality.stress.abs() < 1e-15);
        assert_eq!(quality.edge_length_variation, 0.0);
        assert_eq!(quality.min_node_distance, 1.0);
        // Node 1's neighbours {0, 2} are its two nearest; node 0's nearest is node 1; and so on.
        assert_eq!(quality.neighbourhood_preservation, 1.0);
    }

    #[test]
    fn metrics_are_scale_free_and_see_distortion() {
        let links = [(0, 1), (1, 2), (2, 3), (3, 0)];
        let (x, y) = ([0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0]);
        let square = Quality::measure(&x, &y, &links);
        let scaled = Quality::measure(&x.map(|v| v * 7.0), &y.map(|v| v * 7.0), &links);
        assert!((square.stress - scaled.stress).abs() < 1e-12);
        assert_eq!(square.min_node_distance, scaled.min_node_distance);
        let squashed = Quality::measure(&x, &[0.0, 0.0, 0.2, 0.2], &links);
        assert!(squashed.stress > square.stress);
        assert!(squashed.edge_length_variation > square.edge_length_variation);
    }

    #[test]
    fn undefined_without_links() {
        let quality = Quality::measure(&[0.0, 1.0], &[0.0, 0.0], &[]);
        assert!(quality.stress.is_nan() && quality.neighbourhood_preservation.is_nan());
        assert!(quality.min_node_distance.is_nan() && quality.edge_length_variation.is_nan());
    }
}
