//! The link force: d3-force's `link.js`, a spring along each link that pulls its ends toward
//! a rest distance. Links name nodes by index, as d3 does with its default `id`.

use crate::force::{Force, LayoutError, Values};
use crate::lcg::Lcg;
use crate::nodes::{Nodes, NodesMut};

/// d3's `forceLink(links)`. Defaults are d3's: distance 30, one iteration, and a strength of
/// 1 / min(degree(source), degree(target)), which keeps hubs from being yanked around by their
/// many links.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    links: Vec<(usize, usize)>,
    distance: Values,
    strength: Option<Values>,
    iterations: usize,
    /// Per link, resolved by `initialize`.
    distances: Vec<f64>,
    strengths: Vec<f64>,
    /// The share of each correction the target takes: the source's share of the two degrees,
    /// so the better-connected end moves less.
    bias: Vec<f64>,
}

impl Link {
    /// Links as (source, target) node indices.
    pub fn new(links: Vec<(usize, usize)>) -> Self {
        Self {
            links,
            distance: Values::All(30.0),
            strength: None,
            iterations: 1,
            distances: Vec::new(),
            strengths: Vec::new(),
            bias: Vec::new(),
        }
    }

    /// The rest length; one value or one per link.
    pub fn distance(mut self, distance: impl Into<Values>) -> Self {
        self.distance = distance.into();
        self
    }

    /// Replaces the degree-based default; one value or one per link.
    pub fn strength(mut self, strength: impl Into<Values>) -> Self {
        self.strength = Some(strength.into());
        self
    }

    /// How many times per tick the springs are applied: more makes links stiffer.
    pub fn iterations(mut self, iterations: usize) -> Self {
        self.iterations = iterations;
        self
    }

    /// The links, as given.
    pub fn links(&self) -> &[(usize, usize)] {
        &self.links
    }
}

impl Force for Link {
    /// Checks that every link names a node, counts degrees and resolves the per-link values.
    fn initialize(&mut self, nodes: &Nodes, _random: &mut Lcg) -> Result<(), LayoutError> {
        let count = nodes.len();
        let mut degree = vec![0u32; count];
        for (link, &(source, target)) in self.links.iter().enumerate() {
            for node in [source, target] {
                if node >= count {
                    return Err(LayoutError::NodeNotFound { link, node });
                }
                degree[node] += 1;
            }
        }
        let degree = |node: usize| f64::from(degree[node]);
        let strengths = match &self.strength {
            Some(strength) => strength.resolve(self.links.len(), "link strength")?,
            None => self.links.iter().map(|&(s, t)| 1.0 / degree(s).min(degree(t))).collect(),
        };
        self.distances = self.distance.resolve(self.links.len(), "link distance")?;
        self.strengths = strengths;
        self.bias = self.links.iter().map(|&(s, t)| degree(s) / (degree(s) + degree(t))).collect();
        Ok(())
    }

    fn apply(&mut self, alpha: f64, nodes: &mut Nodes, random: &mut Lcg) {
        let NodesMut { x: xs, y: ys, vx, vy, .. } = nodes.parts_mut();
        for _ in 0..self.iterations {
            for (i, &(source, target)) in self.links.iter().enumerate() {
                // Predicted positions; JavaScript's `|| jiggle()` also replaces NaN.
                let mut x = xs[target] + vx[target] - xs[source] - vx[source];
                if x == 0.0 || x.is_nan() {
                    x = random.jiggle();
                }
                let mut y = ys[target] + vy[target] - ys[source] - vy[source];
                if y == 0.0 || y.is_nan() {
                    y = random.jiggle();
                }
                let mut l = (x * x + y * y).sqrt();
                l = (l - self.distances[i]) / l * alpha * self.strengths[i];
                x *= l;
                y *= l;
                let b = self.bias[i];
                vx[target] -= x * b;
                vy[target] -= y * b;
                vx[source] += x * (1.0 - b);
                vy[source] += y * (1.0 - b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_links_to_missing_nodes() {
        let mut link = Link::new(vec![(0, 1), (1, 2)]);
        let error = link.initialize(&Nodes::new(2), &mut Lcg::default()).err();
        assert_eq!(error, Some(LayoutError::NodeNotFound { link: 1, node: 2 }));
    }

    #[test]
    fn refuses_a_per_link_list_of_the_wrong_length() {
        let mut link = Link::new(vec![(0, 1), (1, 2)]).distance(vec![10.0]);
        let error = link.initialize(&Nodes::new(3), &mut Lcg::default()).err();
        assert_eq!(error, Some(LayoutError::WrongLength { what: "link distance", expected: 2, found: 1 }));
    }
}
