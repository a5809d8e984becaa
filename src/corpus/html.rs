//! The site's original `.htm` pages as text, with a real HTML parser
//! (html5ever through `scraper`): entities decoded, `<br>` and block
//! elements become line breaks, navigation, scripts and styles are dropped.
//! Whitespace is collapsed the way a browser renders it, so the text reads
//! like the page a reader saves as `.txt`.

use scraper::{Html, Node};

/// Elements whose content is never page text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "head", "title", "nav", "iframe", "form", "button", "select",
    "template", "svg", "object", "embed",
];
/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "center",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "dl",
    "dt",
    "dd",
    "address",
    "hr",
    "pre",
    "tbody",
    "thead",
];
/// Elements that stand apart by a blank line, like paragraphs.
const PARAGRAPHS: &[&str] = &["p"];

/// Site navigation marked by id or class (`<div class="nav">`, `id="menu"`).
fn is_navigation(e: &scraper::node::Element) -> bool {
    let hit = |s: &str| {
        let s = s.to_ascii_lowercase();
        s.contains("nav") || s.contains("menu") || s.contains("breadcrumb")
    };
    e.id().is_some_and(hit)
        || e.classes().any(hit)
        || e.attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("navigation"))
}

struct Out {
    s: String,
    pre: usize,
}

impl Out {
    fn at_line_start(&self) -> bool {
        self.s.is_empty() || self.s.ends_with('\n')
    }
    fn trim_line_end(&mut self) {
        let t = self.s.trim_end_matches([' ', '\t']).len();
        self.s.truncate(t);
    }
    fn newline(&mut self) {
        self.trim_line_end();
        self.s.push('\n');
    }
    /// Makes sure the text ends with at least `n` line breaks (none at the start).
    fn ensure_breaks(&mut self, n: usize) {
        if self.s.is_empty() {
            return;
        }
        self.trim_line_end();
        let have = self.s.len() - self.s.trim_end_matches('\n').len();
        for _ in have..n {
            self.s.push('\n');
        }
    }
    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            self.s.push_str(&t.replace("\r\n", "\n"));
            return;
        }
        // Browsers collapse runs of ASCII whitespace; no-break spaces stay.
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                if !self.at_line_start() && !self.s.ends_with(' ') {
                    self.s.push(' ');
                }
            } else {
                self.s.push(c);
            }
        }
    }
}

/// Converts an HTML page to the text a reader would save from a browser.
pub fn html_to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = Out {
        s: String::with_capacity(html.len() / 2),
        pre: 0,
    };
    // Iterative walk: deeply nested markup must not overflow the stack.
    let mut stack = vec![(doc.tree.root(), false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) if !closing => out.text(t),
            Node::Element(e) => {
                let name = e.name().to_ascii_lowercase();
                if closing {
                    if name == "pre" {
                        out.pre = out.pre.saturating_sub(1);
                    }
                    if PARAGRAPHS.contains(&name.as_str()) {
                        out.ensure_breaks(2);
                    } else if BLOCKS.contains(&name.as_str()) {
                        out.ensure_breaks(1);
                    }
                    continue;
                }
                if DROPPED.contains(&name.as_str()) || is_navigation(e) {
                    continue;
                }
                match name.as_str() {
                    "br" => out.newline(),
                    "td" | "th" if !out.at_line_start() => out.s.push(' '),
                    n if PARAGRAPHS.contains(&n) => out.ensure_breaks(2),
                    n if BLOCKS.contains(&n) => out.ensure_breaks(1),
                    _ => {}
                }
                if name == "pre" {
                    out.pre += 1;
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                for c in children.into_iter().rev() {
                    stack.push((c, false));
                }
            }
            Node::Document | Node::Fragment if !closing => {
                let children: Vec<_> = node.children().collect();
                for c in children.into_iter().rev() {
                    stack.push((c, false));
                }
            }
            _ => {}
        }
    }
    out.trim_line_end();
    let mut s = out.s.trim_end_matches('\n').to_string();
    s.push('\n');
    let s = s.trim_start_matches('\n');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_breaks_and_paragraphs() {
        let t = html_to_text("<html><body><p>Charg&eacute; d&#700;affaires &amp; envoy<br>second&nbsp;line</p><p>next   para\n graph</p></body></html>");
        assert_eq!(
            t,
            "Chargé dʼaffaires & envoy\nsecond\u{a0}line\n\nnext para graph\n"
        );
    }

    #[test]
    fn navigation_script_style_dropped() {
        let t = html_to_text("<html><head><title>T</title><style>p{}</style><script>var x=1;</script></head><body><div class=\"nav\"><a href=\"/\">Home Page</a></div><nav>Lenin</nav><h1>Title</h1><p>Body</p></body></html>");
        assert_eq!(t, "Title\n\nBody\n");
    }

    #[test]
    fn broken_markup_and_deep_nesting() {
        let t = html_to_text("<p>open <b>bold <i>both</p><p>after");
        assert!(t.contains("open bold both"));
        assert!(t.contains("after"));
        let deep = "<div>".repeat(3_000) + "x";
        assert_eq!(html_to_text(&deep), "x\n");
    }
}
