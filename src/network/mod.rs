//! `archdb network`: the `correspondence` and `co_mentions` reports as
//! networks for Gephi, networkx or Graphviz. The edges are exactly the
//! report's rows for the same parameters; the nodes are their two ends,
//! with attributes looked up in the reference data (kind, key, country of
//! office) and the first and last date of their edges.

mod dot;
mod xml;

use std::io::Write;

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::render::Rows;

/// Which report the network is drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Kind {
    /// Who wrote to whom: persons, institutions and unresolved parties; directed.
    Correspondence,
    /// Persons and countries named in the same documents; undirected.
    #[value(name = "co_mentions")]
    CoMentions,
}

impl Kind {
    /// The stored report whose rows are the edges.
    pub(crate) fn report(self) -> &'static str {
        match self {
            Kind::Correspondence => "correspondence",
            Kind::CoMentions => "co_mentions",
        }
    }

    fn directed(self) -> bool {
        self == Kind::Correspondence
    }

    /// The report's columns for (source, source kind, target, target kind).
    fn ends(self) -> [&'static str; 4] {
        match self {
            Kind::Correspondence => ["author", "author_kind", "recipient", "recipient_kind"],
            Kind::CoMentions => ["first", "first_kind", "second", "second_kind"],
        }
    }
}

/// The file formats a network is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// GEXF 1.2, dynamic (nodes and edges carry start and end dates): Gephi's own format.
    Gexf,
    /// GraphML: networkx, yEd, Cytoscape, igraph.
    Graphml,
    /// Graphviz DOT.
    Dot,
    /// networkx's node-link JSON ({"nodes": [...], "edges": [...]}).
    Json,
}

/// A person, institution, country or unresolved party.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// `person:molotov`, `institution:nkid`, `country:turkey`, `unresolved:NAME`.
    pub(crate) id: String,
    pub(crate) label: String,
    /// person, institution, country (or region ...) or unresolved.
    pub(crate) kind: String,
    pub(crate) key: Option<String>,
    /// For a person, the state whose office they held most often; for an
    /// institution, its state; for a country, itself.
    pub(crate) country: Option<String>,
    /// The first and last date of the node's edges.
    pub(crate) start: Option<String>,
    pub(crate) end: Option<String>,
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edge {
    pub(crate) source: usize,
    pub(crate) target: usize,
    /// Documents: the report's `documents` column.
    pub(crate) weight: i64,
    pub(crate) start: Option<String>,
    pub(crate) end: Option<String>,
    /// `recipient` or `copy_recipient` (correspondence only).
    pub(crate) role: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Graph {
    /// The report's name.
    pub(crate) name: String,
    /// The report's title and the parameters given.
    pub(crate) description: String,
    pub(crate) directed: bool,
    pub(crate) nodes: Vec<Node>,
    pub(crate) edges: Vec<Edge>,
}

impl Graph {
    /// Whether two edges join the same two nodes (correspondence: a
    /// recipient and a copy recipient row for one pair).
    fn multigraph(&self) -> bool {
        let mut pairs: Vec<(usize, usize)> =
            self.edges.iter().map(|e| (e.source, e.target)).collect();
        pairs.sort_unstable();
        pairs.windows(2).any(|w| w[0] == w[1])
    }
}

fn column(rows: &Rows, name: &str) -> Result<usize> {
    rows.columns.iter().position(|c| c == name).with_context(|| {
        format!(
            "the report returns no column {name:?} (its columns: {}); a network needs the shipped report's columns",
            rows.columns.join(", ")
        )
    })
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::Text(s) if !s.is_empty() => Some(s.clone()),
        Value::Integer(i) => Some(i.to_string()),
        _ => None,
    }
}

/// Builds the network from the report's rows, looking node attributes up in `conn`.
pub(crate) fn build(
    conn: &Connection,
    kind: Kind,
    rows: &Rows,
    description: String,
) -> Result<Graph> {
    let [source, source_kind, target, target_kind] = kind.ends();
    let (source, source_kind) = (column(rows, source)?, column(rows, source_kind)?);
    let (target, target_kind) = (column(rows, target)?, column(rows, target_kind)?);
    let documents = column(rows, "documents")?;
    let first = column(rows, "first_date")?;
    let last = column(rows, "last_date")?;
    let role = column(rows, "as_role").ok();
    let mut lookup = Lookup::new(conn)?;
    let mut nodes: Vec<Node> = Vec::new();
    let mut edges = Vec::new();
    for row in &rows.rows {
        let start = text(&row[first]);
        let end = text(&row[last]);
        let mut index = |name: usize, kind: usize| -> Result<usize> {
            let label = text(&row[name]).unwrap_or_default();
            let kind = text(&row[kind]).unwrap_or_else(|| "unresolved".into());
            let node = lookup.node(&label, &kind)?;
            let at = match nodes.iter().position(|n| n.id == node.id) {
                Some(at) => at,
                None => {
                    nodes.push(node);
                    nodes.len() - 1
                }
            };
            let n = &mut nodes[at];
            widen(&mut n.start, start.as_deref(), std::cmp::Ordering::Less);
            widen(&mut n.end, end.as_deref(), std::cmp::Ordering::Greater);
            Ok(at)
        };
        let s = index(source, source_kind)?;
        let t = index(target, target_kind)?;
        let weight = match &row[documents] {
            Value::Integer(i) => *i,
            other => anyhow::bail!("the report's documents column holds {other:?}, not a count"),
        };
        edges.push(Edge {
            source: s,
            target: t,
            weight,
            start: start.clone(),
            end: end.clone(),
            role: role.and_then(|r| text(&row[r])),
        });
    }
    Ok(Graph {
        name: kind.report().to_string(),
        description,
        directed: kind.directed(),
        nodes,
        edges,
    })
}

/// Moves `bound` to `date` when `date` lies beyond it in the direction `wider`.
fn widen(bound: &mut Option<String>, date: Option<&str>, wider: std::cmp::Ordering) {
    if let Some(date) = date {
        if bound.as_deref().is_none_or(|b| date.cmp(b) == wider) {
            *bound = Some(date.to_string());
        }
    }
}

/// Node attributes from the reference data, by the name a report prints.
struct Lookup<'c> {
    person: rusqlite::Statement<'c>,
    institution: rusqlite::Statement<'c>,
    country: rusqlite::Statement<'c>,
}

impl<'c> Lookup<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        Ok(Lookup {
            // The country of the office held most often; the person's own country otherwise.
            person: conn.prepare(
                "SELECT p.key,
                        coalesce((SELECT c.name FROM positions pos JOIN countries c ON c.id = pos.country_id
                                  WHERE pos.person_id = p.id
                                  GROUP BY pos.country_id ORDER BY count(*) DESC, min(pos.date_from) LIMIT 1),
                                 (SELECT c.name FROM countries c WHERE c.id = p.country_id))
                 FROM persons p WHERE p.name = ?1 ORDER BY p.id LIMIT 1",
            )?,
            institution: conn.prepare(
                "SELECT i.key, c.name FROM institutions i LEFT JOIN countries c ON c.id = i.country_id
                 WHERE i.name = ?1 ORDER BY i.id LIMIT 1",
            )?,
            country: conn.prepare(
                "SELECT key, name, kind FROM countries WHERE name = ?1 ORDER BY id LIMIT 1",
            )?,
        })
    }

    fn node(&mut self, label: &str, kind: &str) -> Result<Node> {
        let pair =
            |r: &rusqlite::Row<'_>| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?));
        let found: Option<(String, Option<String>, String)> = match kind {
            "person" => self
                .person
                .query_row([label], pair)
                .optional()?
                .map(|(k, c)| (k, c, "person".to_string())),
            "institution" => self
                .institution
                .query_row([label], pair)
                .optional()?
                .map(|(k, c)| (k, c, "institution".to_string())),
            "country" => self
                .country
                .query_row([label], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?))
                })
                .optional()?
                .map(|(k, c, _kind)| (k, c, "country".to_string())),
            _ => None,
        };
        Ok(match found {
            Some((key, country, kind)) => Node {
                id: format!("{kind}:{key}"),
                label: label.to_string(),
                kind,
                key: Some(key),
                country,
                start: None,
                end: None,
            },
            None => Node {
                id: format!("{kind}:{label}"),
                label: label.to_string(),
                kind: kind.to_string(),
                key: None,
                country: None,
                start: None,
                end: None,
            },
        })
    }
}

/// Writes the network in `format`.
pub(crate) fn write(graph: &Graph, format: Format, out: &mut dyn Write) -> Result<()> {
    match format {
        Format::Gexf => xml::gexf(graph, out),
        Format::Graphml => xml::graphml(graph, out),
        Format::Dot => dot::dot(graph, out),
        Format::Json => json_graph(graph, out),
    }
}

/// networkx's node-link form: `nx.node_link_graph(data, edges="edges")`.
fn json_graph(graph: &Graph, out: &mut dyn Write) -> Result<()> {
    let nodes: Vec<serde_json::Value> = graph
        .nodes
        .iter()
        .map(|n| {
            json!({
                "id": n.id, "label": n.label, "kind": n.kind, "key": n.key,
                "country": n.country, "start": n.start, "end": n.end,
            })
        })
        .collect();
    let edges: Vec<serde_json::Value> = graph
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut edge = json!({
                "source": graph.nodes[e.source].id, "target": graph.nodes[e.target].id,
                "key": i, "weight": e.weight, "documents": e.weight,
                "start": e.start, "end": e.end,
            });
            if let Some(role) = &e.role {
                edge["role"] = role.clone().into();
            }
            edge
        })
        .collect();
    let doc = json!({
        "directed": graph.directed,
        "multigraph": graph.multigraph(),
        "graph": {"name": graph.name, "description": graph.description},
        "nodes": nodes,
        "edges": edges,
    });
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn sample() -> Graph {
        let node = |id: &str, label: &str, kind: &str| Node {
            id: id.into(),
            label: label.into(),
            kind: kind.into(),
            key: id.split_once(':').map(|(_, k)| k.to_string()),
            country: Some("Union of Soviet Socialist Republics".into()),
            start: Some("1939-05-24".into()),
            end: Some("1940-12-07".into()),
        };
        Graph {
            name: "correspondence".into(),
            description: "Correspondence \"quoted\" <&>".into(),
            directed: true,
            nodes: vec![
                node("person:vinogradov", "Sergei Vinogradov", "person"),
                node(
                    "institution:nkid",
                    "People's Commissariat for Foreign Affairs",
                    "institution",
                ),
            ],
            edges: vec![
                Edge {
                    source: 0,
                    target: 1,
                    weight: 2,
                    start: Some("1939-05-24".into()),
                    end: Some("1940-12-07".into()),
                    role: Some("recipient".into()),
                },
                Edge {
                    source: 0,
                    target: 1,
                    weight: 1,
                    start: Some("1940-12-07".into()),
                    end: None,
                    role: Some("copy_recipient".into()),
                },
            ],
        }
    }

    #[test]
    fn json_has_every_node_and_edge() {
        let mut out = Vec::new();
        write(&sample(), Format::Json, &mut out).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc["multigraph"], true);
        assert_eq!(doc["nodes"].as_array().unwrap().len(), 2);
        assert_eq!(doc["edges"][1]["role"], "copy_recipient");
        assert_eq!(doc["edges"][0]["source"], "person:vinogradov");
    }

    #[test]
    fn widen_keeps_the_outer_dates() {
        let mut start = None;
        widen(&mut start, Some("1940-01-01"), std::cmp::Ordering::Less);
        widen(&mut start, Some("1939-01-01"), std::cmp::Ordering::Less);
        widen(&mut start, Some("1941-01-01"), std::cmp::Ordering::Less);
        widen(&mut start, None, std::cmp::Ordering::Less);
        assert_eq!(start.as_deref(), Some("1939-01-01"));
    }
}
