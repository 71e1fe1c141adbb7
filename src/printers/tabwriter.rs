//! Elastic tabstops: a port of Go's `text/tabwriter`, which lays out every kubectl table.
//!
//! kubectl uses two configurations:
//!
//! * `get` (and `config get-contexts`, `api-resources`, …) uses cli-runtime's
//!   `printers.GetNewTabWriter`: minwidth 6, tabwidth 4, padding 3, pad char `' '`, flag
//!   `RememberWidths` (from `github.com/liggitt/tabwriter`, a drop-in fork of
//!   `text/tabwriter`). See [`get_table`] and [`TabWriter::for_get`].
//! * `describe` uses the standard `text/tabwriter` with minwidth 0, tabwidth 8, padding 2,
//!   pad char `' '`, no flags. See [`describe_block`].
//!
//! The algorithm: the input is cells terminated by `'\t'` (or `'\v'`), grouped into lines
//! terminated by `'\n'` (or `'\f'`). The last cell of a line has no terminating tab and is not
//! part of any column, so it is never padded. A column block is a run of consecutive lines that
//! have a tab-terminated cell in that column; its width is the widest cell in the block plus
//! `padding`, but at least `minwidth`. A line that lacks the cell ends the block, so text
//! below it starts a new alignment. Widths count Unicode scalar values, as Go counts runes.
//!
//! With the pad char `' '` the tabwidth does not matter, so it is not a parameter here.

/// One cell: its text, its width in chars, and whether a `'\t'` (rather than `'\v'` or a
/// line end) terminated it.
#[derive(Clone, Debug, Default)]
struct Cell {
    text: String,
    width: usize,
    htab: bool,
}

/// A streaming tab writer, like Go's `tabwriter.Writer`.
///
/// Text is fed with [`TabWriter::write`]; [`TabWriter::flush`] lays out everything buffered
/// and returns it. Like Go, a completed line with a single cell (no tab) flushes the lines
/// before it on its own, since nothing below can change them; the output is the same either
/// way.
#[derive(Clone, Debug)]
pub struct TabWriter {
    minwidth: usize,
    padding: usize,
    remember_widths: bool,
    /// Completed lines plus the current (last) line.
    lines: Vec<Vec<Cell>>,
    /// The cell being filled.
    cell: Cell,
    /// Per-column widths remembered across blocks and flushes (`RememberWidths`).
    maxwidths: Vec<usize>,
    /// Formatted text not yet returned by `flush`.
    out: String,
}

impl TabWriter {
    /// Go `tabwriter.NewWriter(w, minwidth, tabwidth, padding, ' ', 0)`.
    pub fn new(minwidth: usize, padding: usize) -> Self {
        TabWriter {
            minwidth,
            padding,
            remember_widths: false,
            lines: vec![Vec::new()],
            cell: Cell::default(),
            maxwidths: Vec::new(),
            out: String::new(),
        }
    }

    /// The writer `kubectl get` uses: minwidth 6, padding 3, `RememberWidths`.
    pub fn for_get() -> Self {
        TabWriter::new(6, 3).with_remember_widths(true)
    }

    /// The writer `kubectl describe` uses: minwidth 0, padding 2.
    pub fn for_describe() -> Self {
        TabWriter::new(0, 2)
    }

    /// Turns the liggitt/tabwriter `RememberWidths` flag on or off: a column never gets
    /// narrower than the widest block seen so far in that column, even across flushes (this is
    /// what keeps `kubectl get -w` rows aligned with the header).
    pub fn with_remember_widths(mut self, on: bool) -> Self {
        self.remember_widths = on;
        self
    }

    /// The remembered per-column widths (padding included).
    pub fn remembered_widths(&self) -> Vec<usize> {
        self.maxwidths.clone()
    }

    /// Replaces the remembered widths; `kubectl get` resets them (`SetRememberedWidths(nil)`)
    /// when it starts the table of another resource type.
    pub fn set_remembered_widths(&mut self, widths: Vec<usize>) {
        self.maxwidths = widths;
    }

    /// Buffers `text`.
    pub fn write(&mut self, text: &str) {
        for ch in text.chars() {
            match ch {
                '\t' | '\u{0B}' => {
                    self.terminate_cell(ch == '\t');
                }
                '\n' | '\u{0C}' => {
                    let ncells = self.terminate_cell(false);
                    self.lines.push(Vec::new());
                    if ch == '\u{0C}' || ncells == 1 {
                        self.flush_internal();
                    }
                }
                _ => {
                    self.cell.text.push(ch);
                    self.cell.width += 1;
                }
            }
        }
    }

    /// Lays out everything buffered and returns all output produced since the last flush.
    /// A final line without `'\n'` is laid out too and printed without a line end.
    pub fn flush(&mut self) -> String {
        self.flush_internal();
        std::mem::take(&mut self.out)
    }

    fn terminate_cell(&mut self, htab: bool) -> usize {
        let mut cell = std::mem::take(&mut self.cell);
        cell.htab = htab;
        match self.lines.last_mut() {
            Some(line) => {
                line.push(cell);
                line.len()
            }
            None => {
                self.lines.push(vec![cell]);
                1
            }
        }
    }

    fn flush_internal(&mut self) {
        if !self.cell.text.is_empty() {
            self.terminate_cell(false);
        }
        self.format();
        self.lines.clear();
        self.lines.push(Vec::new());
        self.cell = Cell::default();
    }

    /// Go's recursive `format`, run with an explicit stack so that no input can overflow
    /// the call stack. Each frame handles one column (its index is the frame depth) over the
    /// line range `line0..line1`; `this` is where its scan resumes.
    fn format(&mut self) {
        struct Frame {
            line0: usize,
            line1: usize,
            this: usize,
        }
        let nlines = self.lines.len();
        let mut widths: Vec<usize> = Vec::new();
        let mut stack = vec![Frame {
            line0: 0,
            line1: nlines,
            this: 0,
        }];
        loop {
            let column = widths.len();
            let lines = &self.lines;
            let has_cell = |i: usize| lines.get(i).is_some_and(|l| column + 1 < l.len());
            let (line0, this, line1) = match stack.last_mut() {
                None => break,
                Some(top) => {
                    while top.this < top.line1 && !has_cell(top.this) {
                        top.this += 1;
                    }
                    (top.line0, top.this, top.line1)
                }
            };
            if this >= line1 {
                // No more blocks in this column: print the rest and return to the caller.
                self.write_lines(line0, line1, &widths);
                stack.pop();
                widths.pop();
                continue;
            }
            // Print the lines before the block, then measure the block.
            self.write_lines(line0, this, &widths);
            let mut width = self.minwidth;
            let mut end = this;
            while end < line1 {
                match self.lines.get(end) {
                    Some(line) if column + 1 < line.len() => {
                        let w = line[column].width + self.padding;
                        if w > width {
                            width = w;
                        }
                        end += 1;
                    }
                    _ => break,
                }
            }
            if self.remember_widths {
                if self.maxwidths.len() < widths.len() {
                    let from = self.maxwidths.len();
                    self.maxwidths.extend_from_slice(&widths[from..]);
                }
                if self.maxwidths.len() == widths.len() {
                    self.maxwidths.push(width);
                } else if let Some(max) = self.maxwidths.get_mut(column) {
                    if *max > width {
                        width = *max;
                    } else {
                        *max = width;
                    }
                }
            }
            if let Some(top) = stack.last_mut() {
                top.line0 = end;
                top.this = end;
            }
            widths.push(width);
            stack.push(Frame {
                line0: this,
                line1: end,
                this,
            });
        }
    }

    fn write_lines(&mut self, line0: usize, line1: usize, widths: &[usize]) {
        let total = self.lines.len();
        for i in line0..line1 {
            let Some(line) = self.lines.get(i) else {
                break;
            };
            for (j, cell) in line.iter().enumerate() {
                self.out.push_str(&cell.text);
                if let Some(&w) = widths.get(j) {
                    for _ in cell.width..w {
                        self.out.push(' ');
                    }
                }
            }
            if i + 1 < total {
                self.out.push('\n');
            }
        }
    }
}

/// Lays out `text` as Go's `tabwriter.NewWriter(w, minwidth, 0, padding, ' ', 0)` followed by
/// `Flush()` would.
pub fn tabwrite(text: &str, minwidth: usize, padding: usize) -> String {
    let mut tw = TabWriter::new(minwidth, padding);
    tw.write(text);
    tw.flush()
}

/// A `kubectl get` table: each row's cells joined with `'\t'` and ended with `'\n'`, laid out
/// with minwidth 6 and padding 3. The first row is the header. No rows gives `""`.
///
/// Cells must not contain tabs or newlines (kubectl's table printer does not escape them
/// either, so they would break the layout there too).
pub fn get_table(rows: &[Vec<String>]) -> String {
    let mut tw = TabWriter::for_get();
    for row in rows {
        tw.write(&row.join("\t"));
        tw.write("\n");
    }
    tw.flush()
}

/// Lays out `describe` text (`Key:\tvalue\n` lines) with minwidth 0 and padding 2, as the
/// tabwriter behind kubectl's describe `PrefixWriter` does.
pub fn describe_block(text: &str) -> String {
    tabwrite(text, 0, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn pod_table_from_reference() {
        let rows = vec![
            row(&["NAME", "READY", "STATUS", "RESTARTS", "AGE"]),
            row(&["bad", "0/1", "CreateContainerConfigError", "0", "2m10s"]),
            row(&["crash", "0/1", "CrashLoopBackOff", "4 (28s ago)", "2m"]),
            row(&["job-x-7m2kq", "0/1", "Completed", "0", "85m"]),
            row(&["nginx", "1/1", "Running", "0", "3h4m"]),
            row(&["pending", "0/1", "Pending", "0", "2d3h"]),
            row(&["redis", "0/1", "ImagePullBackOff", "0", "45d"]),
        ];
        let want = "\
NAME          READY   STATUS                       RESTARTS      AGE
bad           0/1     CreateContainerConfigError   0             2m10s
crash         0/1     CrashLoopBackOff             4 (28s ago)   2m
job-x-7m2kq   0/1     Completed                    0             85m
nginx         1/1     Running                      0             3h4m
pending       0/1     Pending                      0             2d3h
redis         0/1     ImagePullBackOff             0             45d
";
        assert_eq!(get_table(&rows), want);
    }

    #[test]
    fn get_contexts_trailing_spaces_when_last_cell_empty() {
        let rows = vec![
            row(&["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]),
            row(&[
                "*",
                "kubernetes-admin@kubernetes",
                "kubernetes",
                "kubernetes-admin",
                "",
            ]),
        ];
        let want = "\
CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE
*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n";
        assert_eq!(get_table(&rows), want);
    }

    #[test]
    fn get_contexts_with_unicode_and_empty_cells_matches_kubectl() {
        // `kubectl config get-contexts` (v1.31.9) on a kubeconfig with three contexts.
        let rows = vec![
            row(&["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]),
            row(&["", "dev", "héllo-wörld-clüster", "u", "development"]),
            row(&[
                "*",
                "kubernetes-admin@kubernetes",
                "kubernetes",
                "kubernetes-admin",
                "",
            ]),
            row(&["", "x", "c", "kubernetes-admin", "ns"]),
        ];
        let want = concat!(
            "CURRENT   NAME                          CLUSTER               AUTHINFO           NAMESPACE\n",
            "          dev                           héllo-wörld-clüster   u                  development\n",
            "*         kubernetes-admin@kubernetes   kubernetes            kubernetes-admin   \n",
            "          x                             c                     kubernetes-admin   ns\n",
        );
        assert_eq!(get_table(&rows), want);
    }

    #[test]
    fn minwidth_applies_to_short_columns() {
        let rows = vec![row(&["A", "B"]), row(&["x", "y"])];
        assert_eq!(get_table(&rows), "A     B\nx     y\n");
        assert_eq!(get_table(&[]), "");
    }

    #[test]
    fn describe_block_line_without_tab_ends_alignment() {
        let text = concat!(
            "Name:\tnginx\n",
            "Service Account:\tdefault\n",
            "IPs:\n",
            "  IP:\t10.244.1.2\n",
            "Containers:\n",
            "  nginx:\n",
            "    Container ID:\tcontainerd://3f1c\n",
            "    Image:\tnginx\n",
            "    State:\tRunning\n",
            "      Started:\tMon, 15 Jul 2024 10:02:14 +0000\n",
            "    Restart Count:\t0\n",
        );
        let want = "\
Name:             nginx
Service Account:  default
IPs:
  IP:  10.244.1.2
Containers:
  nginx:
    Container ID:   containerd://3f1c
    Image:          nginx
    State:          Running
      Started:      Mon, 15 Jul 2024 10:02:14 +0000
    Restart Count:  0
";
        assert_eq!(describe_block(text), want);
    }

    #[test]
    fn describe_conditions_keep_trailing_space() {
        // The pod conditions use "%v \t%v \n", so each line ends in one space.
        let text = "Conditions:\n  Type\tStatus\n  Initialized \tTrue \n  PodScheduled \tTrue \n";
        let want = "Conditions:\n  Type           Status\n  Initialized    True \n  PodScheduled   True \n";
        assert_eq!(describe_block(text), want);
    }

    #[test]
    fn go_doc_example_columns_are_contiguous_blocks() {
        // From the text/tabwriter package documentation: b and c are in distinct columns,
        // because the third line has no cell in the second column.
        let text = "aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n";
        let want = "aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n";
        assert_eq!(tabwrite(text, 0, 1), want);
    }

    #[test]
    fn text_without_final_newline_is_laid_out_but_not_terminated() {
        assert_eq!(tabwrite("a\tb\nccc\td", 0, 1), "a   b\nccc d");
        // A trailing tab without newline: the empty cell is not added, so "b" is not padded.
        assert_eq!(tabwrite("a\tb\t", 0, 1), "a b");
        assert_eq!(tabwrite("", 0, 1), "");
        assert_eq!(tabwrite("\n\n", 0, 1), "\n\n");
    }

    #[test]
    fn widths_count_chars_not_bytes() {
        let rows = vec![row(&["NAME", "X"]), row(&["héllo-wörld", "1"])];
        assert_eq!(get_table(&rows), "NAME          X\nhéllo-wörld   1\n");
    }

    #[test]
    fn formfeed_ends_all_columns() {
        assert_eq!(tabwrite("a\tb\n\u{0C}long\tc\n", 0, 1), "a b\n\nlong c\n");
        assert_eq!(tabwrite("a\tb\nlong\tc\n", 0, 1), "a    b\nlong c\n");
    }

    #[test]
    fn remember_widths_across_flushes_like_get_watch() {
        let mut tw = TabWriter::for_get();
        tw.write("NAME\tREADY\tSTATUS\n");
        tw.write("nginx-long-name\t0/1\tPending\n");
        let first = tw.flush();
        assert_eq!(
            first,
            "NAME              READY   STATUS\nnginx-long-name   0/1     Pending\n"
        );
        tw.write("x\t1/1\tRunning\n");
        assert_eq!(tw.flush(), "x                 1/1     Running\n");
        assert_eq!(tw.remembered_widths(), vec![18, 8]);
        tw.set_remembered_widths(Vec::new());
        tw.write("x\t1/1\tRunning\n");
        assert_eq!(tw.flush(), "x     1/1   Running\n");
    }

    #[test]
    fn remember_widths_within_one_flush_across_blocks() {
        // A line without tabs splits the blocks, but remembered widths carry over.
        let mut tw = TabWriter::for_get();
        tw.write("longer-name\tx\nbreak\nab\tc\n");
        assert_eq!(tw.flush(), "longer-name   x\nbreak\nab            c\n");
        // Without RememberWidths each block is sized on its own.
        assert_eq!(
            tabwrite("longer-name\tx\nbreak\nab\tc\n", 6, 3),
            "longer-name   x\nbreak\nab    c\n"
        );
    }

    #[test]
    fn many_columns_do_not_recurse() {
        let line = "x\t".repeat(50_000) + "\n";
        let out = tabwrite(&line, 0, 1);
        assert_eq!(out.len(), 50_000 * 2 + 1);
    }
}
