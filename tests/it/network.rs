//! `archdb network`: the edges are exactly the rows of the report of the same
//! name for the same parameters, and real clients read the files back:
//! Python's networkx (GEXF, GraphML, node-link JSON) and Graphviz's `dot`.
//! Without a client the test is skipped with the reason, unless `CI` is set
//! (.ci/run installs both), where it fails.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestEnv;
use serde_json::Value;

/// (kind, parameters) covering filters of both reports.
const CASES: &[(&str, &[&str])] = &[
    ("correspondence", &[]),
    ("correspondence", &["party=vinogradov"]),
    ("correspondence", &["from=1939-01-01", "copies=0"]),
    ("correspondence", &["limit=3"]),
    ("co_mentions", &[]),
    ("co_mentions", &["kind=person"]),
    (
        "co_mentions",
        &["from=1939-01-01", "to=1941-12-31", "entity=turkey"],
    ),
    ("co_mentions", &["min_documents=3"]),
];

fn with_params<'a>(mut args: Vec<&'a str>, params: &[&'a str]) -> Vec<&'a str> {
    for p in params {
        args.extend(["-p", p]);
    }
    args
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The report's rows as (source, target, documents, first date, last date, role).
fn report_edges(env: &TestEnv, kind: &str, params: &[&str]) -> Vec<[String; 6]> {
    let out = env.ok(&with_params(
        vec!["report", kind, "--format", "json"],
        params,
    ));
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    let (s, t) = if kind == "correspondence" {
        ("author", "recipient")
    } else {
        ("first", "second")
    };
    rows.iter()
        .map(|r| {
            [
                text(&r[s]),
                text(&r[t]),
                text(&r["documents"]),
                text(&r["first_date"]),
                text(&r["last_date"]),
                text(&r["as_role"]),
            ]
        })
        .collect()
}

/// The network's edges in the same shape, node ids replaced by their labels.
fn network_edges(env: &TestEnv, kind: &str, params: &[&str]) -> (Vec<[String; 6]>, Value) {
    let out = env.ok(&with_params(
        vec!["network", kind, "--format", "json"],
        params,
    ));
    let graph: Value = serde_json::from_str(&out).unwrap();
    let label = |id: &Value| {
        graph["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| &n["id"] == id)
            .map(|n| text(&n["label"]))
            .unwrap_or_else(|| panic!("edge end {id} is not a node"))
    };
    let edges = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            [
                label(&e["source"]),
                label(&e["target"]),
                text(&e["documents"]),
                text(&e["start"]),
                text(&e["end"]),
                text(&e.get("role").cloned().unwrap_or(Value::Null)),
            ]
        })
        .collect();
    (edges, graph)
}

#[test]
fn the_edges_are_the_reports_rows() {
    let env = TestEnv::seeded_with_report_fixtures();
    for (kind, params) in CASES {
        let expected = report_edges(&env, kind, params);
        let (edges, graph) = network_edges(&env, kind, params);
        assert_eq!(edges, expected, "{kind} {params:?}");
        assert!(
            !expected.is_empty(),
            "{kind} {params:?}: the case returns no rows; pick another"
        );
        assert_eq!(graph["directed"], *kind == "correspondence");
        // Every node is the end of an edge, and no node is listed twice.
        let nodes = graph["nodes"].as_array().unwrap();
        let mut ids: Vec<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), nodes.len(), "{kind} {params:?}");
        for n in nodes {
            assert!(
                edges
                    .iter()
                    .any(|e| e[0] == text(&n["label"]) || e[1] == text(&n["label"])),
                "{kind}: node {n} has no edge"
            );
        }
    }
}

#[test]
fn nodes_carry_reference_attributes_and_their_dates() {
    let env = TestEnv::seeded_with_report_fixtures();
    let (_, graph) = network_edges(&env, "correspondence", &["party=vinogradov"]);
    let node = |id: &str| {
        graph["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap_or_else(|| panic!("no node {id} in {graph}"))
            .clone()
    };
    let vinogradov = node("person:vinogradov");
    assert_eq!(vinogradov["kind"], "person");
    assert_eq!(vinogradov["country"], "Union of Soviet Socialist Republics");
    assert_eq!(vinogradov["start"], "1940-12-07");
    let nkid = node("institution:nkid");
    assert_eq!(nkid["kind"], "institution");
    let (_, graph) = network_edges(&env, "co_mentions", &["entity=turkey"]);
    let turkey = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "country:turkey")
        .unwrap()
        .clone();
    assert_eq!(turkey["label"], "Republic of Turkey");
    // Turkey's span covers its edges' first and last dates. (With its lineage
    // the network also holds the Ankara government's edges of 1921, which are
    // not Turkey's node's.)
    let edges = graph["edges"].as_array().unwrap();
    let first = edges
        .iter()
        .filter(|e| e["source"] == "country:turkey" || e["target"] == "country:turkey")
        .filter_map(|e| e["start"].as_str())
        .min()
        .unwrap();
    assert_eq!(turkey["start"], first);
}

#[test]
fn min_documents_filters_the_report_and_the_network_alike() {
    let env = TestEnv::seeded_with_report_fixtures();
    let all = report_edges(&env, "co_mentions", &[]);
    let some = report_edges(&env, "co_mentions", &["min_documents=3"]);
    assert!(
        !some.is_empty() && some.len() < all.len(),
        "{} of {}",
        some.len(),
        all.len()
    );
    assert!(
        some.iter().all(|e| e[2].parse::<i64>().unwrap() >= 3),
        "{some:?}"
    );
    let fewer = report_edges(&env, "correspondence", &["min_documents=2"]);
    assert!(
        fewer.is_empty(),
        "each pair of the fixtures wrote once: {fewer:?}"
    );
    let err = env.fails(&["network", "co_mentions", "-p", "min_documents=many"], 2);
    assert!(
        err.contains("min_documents must be a whole number"),
        "{err}"
    );
    let err = env.fails(&["network", "co_mentions", "-p", "party=x"], 2);
    assert!(err.contains("no parameter \"party\""), "{err}");
}

/// The Python of target/networkx-venv, which .ci/run makes with networkx in
/// it; `None` when the test is skipped without it (`common::require_found`).
fn networkx_python() -> Option<PathBuf> {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/networkx-venv/bin/python");
    let ok = Command::new(&python)
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    common::require_found(
        "networkx in target/networkx-venv",
        if ok { Ok(python) } else { Err("not found".into()) },
        "it as .ci/run does (`python3 -m venv target/networkx-venv`, then its pip installs networkx)",
    )
}

/// networkx reads the file; prints (source label, target label, weight) per edge and the node count.
const READ: &str = r#"
import json, sys
import networkx as nx
path, fmt = sys.argv[1], sys.argv[2]
if fmt == "gexf":
    g = nx.read_gexf(path)
elif fmt == "graphml":
    g = nx.read_graphml(path)
else:
    g = nx.node_link_graph(json.load(open(path)), edges="edges")
edges = g.edges(data=True)
out = {
    "directed": g.is_directed(),
    "nodes": g.number_of_nodes(),
    "edges": sorted([g.nodes[s]["label"], g.nodes[t]["label"], int(d["weight"])] for s, t, d in edges),
    "kinds": sorted(set(d["kind"] for _, d in g.nodes(data=True))),
}
if fmt == "gexf":
    out["spans"] = sorted([d.get("start"), d.get("end")] for _, _, d in edges)
print(json.dumps(out))
"#;

#[test]
fn networkx_reads_gexf_graphml_and_json() {
    let Some(python) = networkx_python() else {
        return;
    };
    let env = TestEnv::seeded_with_report_fixtures();
    for (kind, params) in CASES {
        let expected = report_edges(&env, kind, params);
        let mut want: Vec<(String, String, i64)> = expected
            .iter()
            .map(|e| (e[0].clone(), e[1].clone(), e[2].parse().unwrap()))
            .collect();
        want.sort();
        let (_, graph) = network_edges(&env, kind, params);
        for format in ["gexf", "graphml", "json"] {
            let file = env.path(&format!("net.{format}"));
            env.ok(&with_params(
                vec![
                    "network",
                    kind,
                    "--format",
                    format,
                    "--output",
                    file.to_str().unwrap(),
                ],
                params,
            ));
            let out = Command::new(&python)
                .args(["-c", READ])
                .arg(&file)
                .arg(format)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "networkx could not read {format}:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let read: Value = serde_json::from_slice(&out.stdout).unwrap();
            let got: Vec<(String, String, i64)> = read["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (text(&e[0]), text(&e[1]), e[2].as_i64().unwrap()))
                .collect();
            // An undirected graph may give an edge's ends in either order.
            let norm = |v: &[(String, String, i64)]| -> Vec<(String, String, i64)> {
                let mut v: Vec<_> = v
                    .iter()
                    .map(|(a, b, w)| {
                        if *kind == "correspondence" || a <= b {
                            (a.clone(), b.clone(), *w)
                        } else {
                            (b.clone(), a.clone(), *w)
                        }
                    })
                    .collect();
                v.sort();
                v
            };
            assert_eq!(norm(&got), norm(&want), "{kind} {params:?} {format}");
            assert_eq!(
                read["nodes"],
                graph["nodes"].as_array().unwrap().len(),
                "{kind} {format}"
            );
            assert_eq!(
                read["directed"],
                *kind == "correspondence",
                "{kind} {format}"
            );
            if format == "gexf" {
                // Dynamic: every edge has its first and last date as start and end.
                let mut spans: Vec<[String; 2]> = expected
                    .iter()
                    .map(|e| [e[3].clone(), e[4].clone()])
                    .collect();
                spans.sort();
                let read_spans: Vec<[String; 2]> = read["spans"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| [text(&s[0]), text(&s[1])])
                    .collect();
                assert_eq!(read_spans, spans, "{kind} {params:?} gexf spans");
            }
        }
    }
}

#[test]
fn graphviz_reads_dot() {
    let Some(dot) = common::require("dot", "graphviz") else {
        return;
    };
    let env = TestEnv::seeded_with_report_fixtures();
    for (kind, params) in CASES {
        let file = env.path("net.dot");
        env.ok(&with_params(
            vec![
                "network",
                kind,
                "--format",
                "dot",
                "--output",
                file.to_str().unwrap(),
            ],
            params,
        ));
        let out = Command::new(&dot)
            .arg("-Tplain")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "dot failed on {kind}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let plain = String::from_utf8(out.stdout).unwrap();
        let (_, graph) = network_edges(&env, kind, params);
        let count = |word: &str| plain.lines().filter(|l| l.starts_with(word)).count();
        assert_eq!(
            count("node "),
            graph["nodes"].as_array().unwrap().len(),
            "{kind} {params:?}"
        );
        assert_eq!(
            count("edge "),
            graph["edges"].as_array().unwrap().len(),
            "{kind} {params:?}"
        );
    }
}
