//! GEXF (Gephi) and GraphML, written with quick-xml so that every name and
//! attribute is escaped by the XML writer, not by hand.

use std::io::{self, Write};

use anyhow::Result;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::writer::ElementWriter;
use quick_xml::Writer;

use super::{Edge, Graph, Node};

/// The node attributes both formats declare: (name, value of a node).
fn node_attributes(node: &Node) -> [(&'static str, Option<&str>); 5] {
    [
        ("kind", Some(node.kind.as_str())),
        ("key", node.key.as_deref()),
        ("country", node.country.as_deref()),
        ("first_date", node.start.as_deref()),
        ("last_date", node.end.as_deref()),
    ]
}

/// The edge attributes besides the weight.
fn edge_attributes(edge: &Edge) -> [(&'static str, Option<&str>); 3] {
    [
        ("role", edge.role.as_deref()),
        ("first_date", edge.start.as_deref()),
        ("last_date", edge.end.as_deref()),
    ]
}

/// A date GEXF's `timeformat="date"` takes: a whole day, YYYY-MM-DD.
fn day(date: Option<&str>) -> Option<&str> {
    date.filter(|d| crate::report::is_iso_day(d))
}

/// A GEXF element with the `start` and `end` of its period, each where it
/// is a day.
fn with_period<'a, W: Write>(
    mut element: ElementWriter<'a, W>,
    start: Option<&str>,
    end: Option<&str>,
) -> ElementWriter<'a, W> {
    if let Some(start) = day(start) {
        element = element.with_attribute(("start", start));
    }
    if let Some(end) = day(end) {
        element = element.with_attribute(("end", end));
    }
    element
}

fn header<W: Write>(writer: &mut Writer<W>) -> io::Result<()> {
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
}

/// GEXF 1.2, dynamic: nodes and edges carry `start` and `end` dates, so
/// Gephi's timeline replays the network; the attributes are static.
pub(crate) fn gexf(graph: &Graph, out: &mut dyn Write) -> Result<()> {
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    header(&mut writer)?;
    writer
        .create_element("gexf")
        .with_attribute(("xmlns", "http://www.gexf.net/1.2draft"))
        .with_attribute(("version", "1.2"))
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("creator")
                    .write_text_content(BytesText::new(concat!(
                        "archdb ",
                        env!("CARGO_PKG_VERSION")
                    )))?;
                w.create_element("description")
                    .write_text_content(BytesText::new(&graph.description))?;
                Ok(())
            })?;
            w.create_element("graph")
                .with_attribute(("mode", "dynamic"))
                .with_attribute(("defaultedgetype", edge_type(graph)))
                .with_attribute(("timeformat", "date"))
                .write_inner_content(|w| gexf_graph(graph, w))?;
            Ok(())
        })?;
    writer.get_mut().write_all(b"\n")?;
    Ok(())
}

/// The edges' type, as both formats name it.
fn edge_type(graph: &Graph) -> &'static str {
    if graph.directed {
        "directed"
    } else {
        "undirected"
    }
}

fn gexf_declare<W: Write>(
    w: &mut Writer<W>,
    class: &str,
    names: &[(&str, &str)],
) -> io::Result<()> {
    w.create_element("attributes")
        .with_attribute(("class", class))
        .with_attribute(("mode", "static"))
        .write_inner_content(|w| {
            for (name, kind) in names {
                w.create_element("attribute")
                    .with_attribute(("id", *name))
                    .with_attribute(("title", *name))
                    .with_attribute(("type", *kind))
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

fn gexf_values<W: Write>(w: &mut Writer<W>, values: &[(&str, Option<&str>)]) -> io::Result<()> {
    w.create_element("attvalues").write_inner_content(|w| {
        for (name, value) in values {
            if let Some(value) = value {
                w.create_element("attvalue")
                    .with_attribute(("for", *name))
                    .with_attribute(("value", *value))
                    .write_empty()?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

fn gexf_graph<W: Write>(graph: &Graph, w: &mut Writer<W>) -> io::Result<()> {
    let strings = |names: &[&'static str]| -> Vec<(&'static str, &'static str)> {
        names.iter().map(|n| (*n, "string")).collect()
    };
    gexf_declare(
        w,
        "node",
        &strings(&["kind", "key", "country", "first_date", "last_date"]),
    )?;
    let mut edge_names = vec![("documents", "integer")];
    edge_names.extend(strings(&["role", "first_date", "last_date"]));
    gexf_declare(w, "edge", &edge_names)?;
    w.create_element("nodes").write_inner_content(|w| {
        for node in &graph.nodes {
            let mut element = w
                .create_element("node")
                .with_attribute(("id", node.id.as_str()))
                .with_attribute(("label", node.label.as_str()));
            element = with_period(element, node.start.as_deref(), node.end.as_deref());
            element.write_inner_content(|w| gexf_values(w, &node_attributes(node)))?;
        }
        Ok(())
    })?;
    w.create_element("edges").write_inner_content(|w| {
        for (i, edge) in graph.edges.iter().enumerate() {
            let weight = edge.weight.to_string();
            let id = i.to_string();
            let mut element = w
                .create_element("edge")
                .with_attribute(("id", id.as_str()))
                .with_attribute(("source", graph.nodes[edge.source].id.as_str()))
                .with_attribute(("target", graph.nodes[edge.target].id.as_str()))
                .with_attribute(("weight", weight.as_str()));
            if let Some(role) = &edge.role {
                element = element.with_attribute(("label", role.as_str()));
            }
            element = with_period(element, edge.start.as_deref(), edge.end.as_deref());
            let mut values = vec![("documents", Some(weight.as_str()))];
            values.extend(edge_attributes(edge));
            element.write_inner_content(|w| gexf_values(w, &values))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// GraphML with typed keys: node label, kind, key, country, first and last
/// date; edge weight (documents), role, first and last date.
pub(crate) fn graphml(graph: &Graph, out: &mut dyn Write) -> Result<()> {
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    header(&mut writer)?;
    writer
        .create_element("graphml")
        .with_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"))
        .write_inner_content(|w| {
            let keys: [(&str, &str, &str); 10] = [
                ("node", "label", "string"),
                ("node", "kind", "string"),
                ("node", "key", "string"),
                ("node", "country", "string"),
                ("node", "first_date", "string"),
                ("node", "last_date", "string"),
                ("edge", "weight", "int"),
                ("edge", "role", "string"),
                ("edge", "first_date", "string"),
                ("edge", "last_date", "string"),
            ];
            for (class, name, kind) in keys {
                w.create_element("key")
                    .with_attribute(("id", format!("{class}_{name}").as_str()))
                    .with_attribute(("for", class))
                    .with_attribute(("attr.name", name))
                    .with_attribute(("attr.type", kind))
                    .write_empty()?;
            }
            w.create_element("graph")
                .with_attribute(("id", graph.name.as_str()))
                .with_attribute(("edgedefault", edge_type(graph)))
                .write_inner_content(|w| graphml_graph(graph, w))?;
            Ok(())
        })?;
    writer.get_mut().write_all(b"\n")?;
    Ok(())
}

fn graphml_data<W: Write>(
    w: &mut Writer<W>,
    class: &str,
    values: &[(&str, Option<&str>)],
) -> io::Result<()> {
    for (name, value) in values {
        if let Some(value) = value {
            w.create_element("data")
                .with_attribute(("key", format!("{class}_{name}").as_str()))
                .write_text_content(BytesText::new(value))?;
        }
    }
    Ok(())
}

fn graphml_graph<W: Write>(graph: &Graph, w: &mut Writer<W>) -> io::Result<()> {
    for node in &graph.nodes {
        w.create_element("node")
            .with_attribute(("id", node.id.as_str()))
            .write_inner_content(|w| {
                let mut values = vec![("label", Some(node.label.as_str()))];
                values.extend(node_attributes(node));
                graphml_data(w, "node", &values)
            })?;
    }
    for (i, edge) in graph.edges.iter().enumerate() {
        let weight = edge.weight.to_string();
        w.create_element("edge")
            .with_attribute(("id", format!("e{i}").as_str()))
            .with_attribute(("source", graph.nodes[edge.source].id.as_str()))
            .with_attribute(("target", graph.nodes[edge.target].id.as_str()))
            .write_inner_content(|w| {
                let mut values = vec![("weight", Some(weight.as_str()))];
                values.extend(edge_attributes(edge));
                graphml_data(w, "edge", &values)
            })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    fn written(f: fn(&Graph, &mut dyn Write) -> Result<()>) -> String {
        let mut out = Vec::new();
        f(&sample(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn gexf_is_dynamic_and_escapes_text() {
        let out = written(gexf);
        assert!(
            out.contains(r#"mode="dynamic""#) && out.contains(r#"timeformat="date""#),
            "{out}"
        );
        assert!(out.contains(r#"start="1939-05-24""#), "{out}");
        assert!(
            out.contains("Correspondence &quot;quoted&quot; &lt;&amp;&gt;"),
            "{out}"
        );
        assert_eq!(out.matches("<edge ").count(), 2);
        // The second edge has no end date: no end attribute, not an empty one.
        assert!(!out.contains(r#"end="""#), "{out}");
    }

    #[test]
    fn graphml_declares_keys_and_carries_weights() {
        let out = written(graphml);
        assert!(
            out.contains(r#"attr.name="weight" attr.type="int""#),
            "{out}"
        );
        assert!(out.contains(r#"<data key="edge_weight">2</data>"#), "{out}");
        assert!(out.contains(r#"edgedefault="directed""#), "{out}");
    }
}
