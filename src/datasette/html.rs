//! The HTML descriptions Datasette shows above a canned query's form and on
//! the database page: what a report answers, its parameters with their
//! defaults, and links that fill the defaults in.

use crate::report::Report;

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The description above a canned query's form: what it answers, each
/// parameter with its default, and a link that fills the defaults in.
pub(crate) fn query_description(report: &Report) -> String {
    let mut html = format!("<p>{}</p>", escape(&report.description));
    if report.params.is_empty() {
        return html;
    }
    html.push_str("<ul class=\"archdb-params\">");
    for p in &report.params {
        let default = match &p.default {
            Some(d) => format!("default <code>{}</code>", escape(d)),
            None => "empty: no filter".to_string(),
        };
        html.push_str(&format!(
            "<li><strong>{}</strong> ({}; {default}): {}</li>",
            escape(&p.name),
            p.kind.as_str(),
            escape(&p.description)
        ));
    }
    html.push_str(&format!(
        "</ul><p>An empty field takes its default. <a href=\"?{}\">Fill in the defaults</a></p>",
        escape(&super::defaults_query(report))
    ));
    html
}

/// The database page's introduction: the collection, then every report with
/// what it answers, each linked with its defaults filled in.
pub(crate) fn database_guide(
    collection: &str,
    database: &str,
    reports: &[(String, &Report)],
) -> String {
    let mut html = format!(
        "<p>{}</p><p>Reports (each opens with its defaults filled in):</p><ul class=\"archdb-guide\">",
        escape(collection)
    );
    for (key, report) in reports {
        let query = super::defaults_query(report);
        let link = if query.is_empty() {
            format!("/{database}/{key}")
        } else {
            format!("/{database}/{key}?{query}")
        };
        html.push_str(&format!(
            "<li><a href=\"{}\">{}</a>: {}</li>",
            escape(&link),
            escape(&report.title),
            escape(first_sentence(&report.description))
        ));
    }
    html.push_str("</ul>");
    html
}

/// A table's or view's description, with a link to the data dictionary's
/// rows for its `columns` described columns.
pub(crate) fn table_description(
    text: &str,
    database: &str,
    object: &str,
    columns: usize,
) -> String {
    let mut html = format!("<p>{}", escape(text));
    if columns > 0 {
        let link = format!(
            "/{database}/data_dictionary?{}",
            form_urlencoded::Serializer::new(String::new())
                .append_pair("object", object)
                .finish()
        );
        html.push_str(&format!(
            " <a href=\"{}\">What each column holds</a> ({columns} described).",
            escape(&link)
        ));
    }
    html.push_str("</p>");
    html
}

/// The description up to its first full stop.
fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a<b> & \"c\""), "a&lt;b&gt; &amp; &quot;c&quot;");
    }

    #[test]
    fn first_sentence_stops_at_the_first_full_stop() {
        assert_eq!(first_sentence("One. Two."), "One.");
        assert_eq!(first_sentence("No stop"), "No stop");
    }
}
