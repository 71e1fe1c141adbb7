//! `kubectl get -o custom-columns=HEADER:.path,…` and `-o custom-columns-file=FILE`
//! (cli-runtime's `CustomColumnsPrinter`): headers as given, each cell the JSONPath results
//! joined by commas, `<none>` when there are none, laid out by the `get` tab writer.

use serde_json::Value;

use super::jsonpath::{self, JsonPath};

pub struct Column {
    pub header: String,
    pub path: JsonPath,
}

/// `NewCustomColumnsPrinterFromSpec`.
pub fn from_spec(spec: &str) -> Result<Vec<Column>, String> {
    if spec.is_empty() {
        return Err("custom-columns format specified but no custom columns given".into());
    }
    let mut out = vec![];
    for part in spec.split(',') {
        let Some((header, expr)) = part.split_once(':') else {
            return Err(format!(
                "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
            ));
        };
        let tmpl = jsonpath::relaxed(expr)?;
        let path = JsonPath::parse(&tmpl)?.allow_missing_keys(true);
        out.push(Column {
            header: header.to_string(),
            path,
        });
    }
    Ok(out)
}

/// `NewCustomColumnsPrinterFromTemplate`: a header line and a line of paths, split on
/// whitespace.
pub fn from_file(text: &str) -> Result<Vec<Column>, String> {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() != 2 {
        return Err(format!(
            "invalid template, expected two lines, saw: {}",
            lines.len()
        ));
    }
    let headers: Vec<&str> = lines[0].split_whitespace().collect();
    let specs: Vec<&str> = lines[1].split_whitespace().collect();
    if headers.len() != specs.len() {
        return Err(format!(
            "number of headers ({}) and field specifications ({}) don't match",
            headers.len(),
            specs.len()
        ));
    }
    let mut out = vec![];
    for (h, s) in headers.iter().zip(specs) {
        let tmpl = jsonpath::relaxed(s)?;
        out.push(Column {
            header: h.to_string(),
            path: JsonPath::parse(&tmpl)?.allow_missing_keys(true),
        });
    }
    Ok(out)
}

/// The cells of one object's row.
pub fn row(cols: &[Column], obj: &Value) -> Result<Vec<String>, String> {
    let mut cells = vec![];
    for c in cols {
        let results = c.path.find_results(obj)?;
        let mut vals: Vec<String> = vec![];
        if results.is_empty() || results[0].is_empty() {
            vals.push("<none>".into());
        }
        for r in &results {
            for v in r {
                vals.push(jsonpath::go_v(v));
            }
        }
        cells.push(vals.join(","));
    }
    Ok(cells)
}

/// The whole table for `objs`.
pub fn print(cols: &[Column], objs: &[Value], no_headers: bool) -> Result<String, String> {
    let mut rows = vec![];
    if !no_headers {
        rows.push(cols.iter().map(|c| c.header.clone()).collect::<Vec<_>>());
    }
    for o in objs {
        rows.push(row(cols, o)?);
    }
    Ok(super::tabwriter::get_table(&rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn columns() {
        let cols = from_spec(
            "NAME:.metadata.name,node:{.spec.nodeName},X:.nope,IMG:.spec.containers[*].image",
        )
        .unwrap_or_default();
        let pod = json!({"metadata": {"name": "web"}, "spec": {"nodeName": "n1", "containers": [{"image": "a"}, {"image": "b"}]}});
        assert_eq!(
            print(&cols, &[pod], false).unwrap_or_default(),
            "NAME   node   X        IMG\nweb    n1     <none>   a,b\n"
        );
        assert!(from_spec("NAME").is_err());
        assert!(from_spec("").is_err());
    }
}
