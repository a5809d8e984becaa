//! The charts in Datasette, through the datasette-dashboards plugin
//! (maintained, configured entirely in the metadata; its charts are
//! Vega-Lite specifications over a SQL query). `archdb datasette` adds one
//! dashboard per report that declares a chart: the report's own SQL, its
//! parameters as the dashboard's filters, and a Vega-Lite translation of the
//! `-- chart:` line. Datasette binds `''` for a filter left empty, which the
//! reports read as "no value", as they do for canned queries.

use serde_json::{json, Map, Value};

use super::spec::{Kind, Spec};
use crate::report::{ParamKind, Report};

/// The `plugins.datasette-dashboards` object: a dashboard per charted report.
pub(crate) fn dashboards(reports: &[Report], database: &str) -> Value {
    let mut all = Map::new();
    for report in reports {
        if let Some(spec) = &report.chart {
            all.insert(report.name.clone(), dashboard(report, spec, database));
        }
    }
    Value::Object(all)
}

fn dashboard(report: &Report, spec: &Spec, database: &str) -> Value {
    let mut filters = Map::new();
    for p in &report.params {
        let kind = match p.kind {
            ParamKind::Date => "date",
            ParamKind::Integer => "number",
            ParamKind::Text => "text",
        };
        let mut filter = json!({"name": p.name, "type": kind});
        if let Some(default) = &p.default {
            filter["default"] = default.clone().into();
        }
        filters.insert(p.name.clone(), filter);
    }
    json!({
        "title": report.title,
        "description": report.description,
        "layout": [["chart"]],
        "filters": filters,
        "charts": {
            "chart": {
                "title": report.title,
                "db": database,
                "query": report.sql.trim_end(),
                "library": "vega-lite",
                "display": vega_lite(spec),
            }
        }
    })
}

/// A Vega-Lite `mark`, `encoding` and `transform` drawing what the chart line asks.
fn vega_lite(spec: &Spec) -> Value {
    let mut transform = Vec::new();
    if let Some((column, value)) = &spec.only {
        transform.push(json!({"filter": {"field": column, "equal": value}}));
    }
    let category = if spec.x.len() == 1 {
        spec.x[0].clone()
    } else {
        let joiner = if spec.directed { " → " } else { " & " };
        let expr: Vec<String> = spec.x.iter().map(|c| format!("datum[{c:?}]")).collect();
        transform
            .push(json!({"calculate": expr.join(&format!(" + {joiner:?} + ")), "as": "label"}));
        "label".to_string()
    };
    let (value, series) = if spec.y.len() > 1 {
        transform.push(json!({"fold": spec.y, "as": ["series", "value"]}));
        ("value".to_string(), Some("series".to_string()))
    } else {
        (spec.y[0].clone(), spec.series.clone())
    };
    if let (Some(top), Kind::Bar | Kind::HBar, None) = (spec.top, spec.kind, &spec.series) {
        transform.push(json!({"window": [{"op": "row_number", "as": "rank"}]}));
        transform.push(json!({"filter": format!("datum.rank <= {top}")}));
    }
    // `sort: null` keeps the report's order (years, ranks).
    let category_axis = json!({"field": category, "type": "nominal", "sort": null, "title": category.replace('_', " ")});
    let value_axis = json!({"field": value, "type": "quantitative", "title": spec.unit()});
    let mut encoding = match spec.kind {
        Kind::HBar => json!({"y": category_axis, "x": value_axis}),
        _ => json!({"x": category_axis, "y": value_axis}),
    };
    if let Some(series) = series {
        encoding["color"] = json!({"field": series, "type": "nominal"});
        if spec.kind != Kind::Line && !spec.stack {
            let offset = if spec.kind == Kind::HBar {
                "yOffset"
            } else {
                "xOffset"
            };
            encoding[offset] = json!({"field": series});
        }
    }
    encoding["tooltip"] = json!([{"field": category}, {"field": value}]);
    let mark = match spec.kind {
        Kind::Line => json!({"type": "line", "point": true, "tooltip": true}),
        _ => json!({"type": "bar", "tooltip": true}),
    };
    json!({"mark": mark, "encoding": encoding, "transform": transform})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::load_reports;

    #[test]
    fn every_charted_report_gets_a_dashboard_with_its_sql_and_filters() {
        let reports = load_reports(&[]).unwrap();
        let all = dashboards(&reports, "archdb");
        let charted: Vec<&Report> = reports.iter().filter(|r| r.chart.is_some()).collect();
        assert_eq!(all.as_object().unwrap().len(), charted.len());
        for report in charted {
            let d = &all[&report.name];
            let chart = &d["charts"]["chart"];
            assert_eq!(chart["query"], report.sql.trim_end());
            assert_eq!(chart["db"], "archdb");
            for p in &report.params {
                assert_eq!(d["filters"][&p.name]["name"], p.name.as_str());
            }
        }
        assert_eq!(
            all["mentions_by_country"]["filters"]["from"]["type"],
            "date"
        );
        assert_eq!(all["correspondence"]["filters"]["limit"]["default"], "100");
    }

    #[test]
    fn the_vega_lite_follows_the_chart_line() {
        let v =
            vega_lite(&Spec::parse("bar x=year y=secret,top_secret stack unit=documents").unwrap());
        assert_eq!(v["transform"][0]["fold"], json!(["secret", "top_secret"]));
        assert_eq!(v["encoding"]["color"]["field"], "series");
        assert!(v["encoding"].get("xOffset").is_none());
        let v =
            vega_lite(&Spec::parse("hbar x=author,recipient y=documents directed top=5").unwrap());
        assert_eq!(v["encoding"]["y"]["field"], "label");
        assert_eq!(
            v["transform"][0]["calculate"],
            "datum[\"author\"] + \" → \" + datum[\"recipient\"]"
        );
        assert_eq!(v["transform"][2]["filter"], "datum.rank <= 5");
        let v = vega_lite(&Spec::parse("bar x=value y=documents only=dimension:year").unwrap());
        assert_eq!(v["transform"][0]["filter"]["equal"], "year");
    }
}
