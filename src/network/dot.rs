//! Graphviz DOT. DOT is not XML: identifiers and attribute values are
//! double-quoted strings in which only `"` and `\` need escaping (and line
//! breaks, which become `\n`).

use std::io::Write;

use anyhow::Result;

use super::Graph;

/// A DOT double-quoted string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn attributes(pairs: &[(&str, Option<&str>)]) -> String {
    let list: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}={}", quoted(v))))
        .collect();
    list.join(", ")
}

/// The network as a DOT graph; edge weight and pen width follow the documents.
pub(crate) fn dot(graph: &Graph, out: &mut dyn Write) -> Result<()> {
    let (keyword, arrow) = if graph.directed {
        ("digraph", "->")
    } else {
        ("graph", "--")
    };
    writeln!(out, "{keyword} {} {{", quoted(&graph.name))?;
    writeln!(
        out,
        "  graph [label={}, overlap=false, fontname=\"DejaVu Sans\"];",
        quoted(&graph.description)
    )?;
    writeln!(
        out,
        "  node [shape=box, style=rounded, fontname=\"DejaVu Sans\"];"
    )?;
    for node in &graph.nodes {
        writeln!(
            out,
            "  {} [{}];",
            quoted(&node.id),
            attributes(&[
                ("label", Some(&node.label)),
                ("kind", Some(&node.kind)),
                ("key", node.key.as_deref()),
                ("country", node.country.as_deref()),
                ("first_date", node.start.as_deref()),
                ("last_date", node.end.as_deref()),
            ])
        )?;
    }
    for edge in &graph.edges {
        let weight = edge.weight.to_string();
        let pen = format!("{:.1}", 1.0 + (edge.weight as f64).ln_1p());
        // A copy ("Sent to") is dashed, an addressee solid.
        let style = if edge.role.as_deref() == Some("copy_recipient") {
            "dashed"
        } else {
            "solid"
        };
        writeln!(
            out,
            "  {} {arrow} {} [weight={weight}, penwidth={pen}, style={style}, {}];",
            quoted(&graph.nodes[edge.source].id),
            quoted(&graph.nodes[edge.target].id),
            attributes(&[
                ("label", Some(&weight)),
                ("documents", Some(&weight)),
                ("role", edge.role.as_deref()),
                ("first_date", edge.start.as_deref()),
                ("last_date", edge.end.as_deref()),
            ])
        )?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(quoted(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }

    #[test]
    fn a_directed_graph_has_arrows() {
        let mut out = Vec::new();
        dot(&sample(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("digraph \"correspondence\" {"), "{text}");
        assert_eq!(text.matches(" -> ").count(), 2, "{text}");
        assert!(text.contains(r#"Correspondence \"quoted\" <&>"#), "{text}");
    }
}
