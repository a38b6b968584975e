//! Timelines: a bar chart for the terminal, CSV rows, and a standalone SVG chart.

use super::csv::CsvWriter;
use crate::search::tally::{Period, Timeline};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Partial blocks, from one eighth to a full cell.
const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

fn period_name(by: Period) -> &'static str {
    match by {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
        Period::Year => "year",
    }
}

/// A bar of `count / max` of `cells` character cells, in eighths; a non-zero count always
/// shows at least one eighth.
pub fn bar(count: u64, max: u64, cells: usize) -> String {
    if count == 0 || max == 0 || cells == 0 {
        return String::new();
    }
    let eighths = ((count as u128 * cells as u128 * 8) / max as u128).max(1) as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

/// The chart for a terminal `width` columns wide: one line per period, label, bar, count.
pub fn render_text(out: &mut dyn Write, t: &Timeline, width: usize) -> io::Result<()> {
    let dated = t.total - t.undated;
    writeln!(
        out,
        "Articles matching {} per {}: {} dated{}",
        super::terminal::escaped(&t.query),
        period_name(t.by),
        dated,
        if t.undated > 0 {
            format!(", {} undated (not shown)", t.undated)
        } else {
            String::new()
        }
    )?;
    if let Some(note) = super::undated_left_out_note(t.undated_left_out) {
        writeln!(out, "{note}")?;
    }
    if t.buckets.is_empty() {
        return writeln!(out, "No dated articles match.");
    }
    writeln!(out)?;
    let label_w = t.buckets.iter().map(|b| b.period.len()).max().unwrap_or(0);
    let max = t.buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let count_w = max.to_string().len();
    let cells = width.saturating_sub(label_w + count_w + 3).max(10);
    for b in &t.buckets {
        let bar = bar(b.count, max, cells);
        let pad = cells - bar.chars().count();
        writeln!(
            out,
            "{:<label_w$} {}{} {:>count_w$}",
            b.period,
            bar,
            " ".repeat(pad),
            b.count
        )?;
    }
    Ok(())
}

/// One row per period: `period,start,count`.
pub fn render_csv(out: &mut dyn Write, t: &Timeline) -> io::Result<()> {
    let mut writer = CsvWriter::new(out);
    writer.row(["period", "start", "count"])?;
    for b in &t.buckets {
        writer.row([b.period.clone(), b.start.to_string(), b.count.to_string()])?;
    }
    writer.flush()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// A round step for `ticks` or fewer axis intervals up to `max`: 1, 2, 5 × 10^k.
fn tick_step(max: u64, ticks: u64) -> u64 {
    let raw = max.div_ceil(ticks).max(1);
    let mut magnitude = 1u64;
    while magnitude.saturating_mul(10) <= raw {
        magnitude *= 10;
    }
    [1, 2, 5, 10]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw)
        .unwrap_or(raw)
}

/// A standalone SVG bar chart: title with the query, y axis with round ticks and grid
/// lines, one bar per period with its count, period labels under the x axis.
pub fn render_svg(t: &Timeline) -> String {
    const W: f64 = 900.0;
    const H: f64 = 420.0;
    const LEFT: f64 = 60.0;
    const RIGHT: f64 = 20.0;
    const TOP: f64 = 50.0;
    const BOTTOM: f64 = 80.0;
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let max = t.buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let step = tick_step(max.max(1), 5);
    let top_value = max.max(1).div_ceil(step) * step;
    let y = |v: u64| TOP + plot_h - plot_h * v as f64 / top_value as f64;
    let n = t.buckets.len().max(1);
    let slot = plot_w / n as f64;
    let bar_w = (slot * 0.8).max(1.0);
    // Label at most ~30 periods so the text never overlaps.
    let label_every = n.div_ceil(30).max(1);

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
    );
    let title = format!("Articles matching {} per {}", t.query, period_name(t.by));
    let _ = writeln!(s, "  <title>{}</title>", escape(&title));
    let _ = writeln!(
        s,
        r##"  <rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        s,
        r##"  <text x="{}" y="28" text-anchor="middle" font-size="16" font-weight="bold" fill="#222222">{}</text>"##,
        W / 2.0,
        escape(&title)
    );
    let dated = t.total - t.undated;
    let _ = writeln!(
        s,
        r##"  <text x="{}" y="44" text-anchor="middle" fill="#666666">{} dated article{}{}</text>"##,
        W / 2.0,
        dated,
        if dated == 1 { "" } else { "s" },
        if t.undated > 0 {
            format!(", {} undated not shown", t.undated)
        } else {
            String::new()
        }
    );
    // Y axis: grid lines and tick labels.
    let _ = writeln!(s, r#"  <g class="y-axis">"#);
    let mut v = 0;
    while v <= top_value {
        let yy = y(v);
        let _ = writeln!(
            s,
            r##"    <line x1="{LEFT}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="#dddddd"/>"##,
            LEFT + plot_w
        );
        let _ = writeln!(
            s,
            r##"    <text x="{:.1}" y="{:.1}" text-anchor="end" fill="#444444">{v}</text>"##,
            LEFT - 6.0,
            yy + 4.0
        );
        v += step;
    }
    let _ = writeln!(
        s,
        r##"    <text transform="translate(16 {:.1}) rotate(-90)" text-anchor="middle" fill="#444444">articles</text>"##,
        TOP + plot_h / 2.0
    );
    let _ = writeln!(s, "  </g>");
    // Bars.
    let _ = writeln!(s, r#"  <g class="bars">"#);
    for (i, b) in t.buckets.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
        let top = y(b.count);
        let _ = writeln!(
            s,
            r##"    <rect x="{x:.1}" y="{top:.1}" width="{bar_w:.1}" height="{:.1}" fill="#3b6ea5" data-period="{}" data-count="{}"><title>{}: {}</title></rect>"##,
            TOP + plot_h - top,
            escape(&b.period),
            b.count,
            escape(&b.period),
            b.count
        );
        if b.count > 0 && slot >= 14.0 {
            let _ = writeln!(
                s,
                r##"    <text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="#222222">{}</text>"##,
                x + bar_w / 2.0,
                top - 3.0,
                b.count
            );
        }
    }
    let _ = writeln!(s, "  </g>");
    // X axis and period labels.
    let _ = writeln!(s, r#"  <g class="x-axis">"#);
    let base = TOP + plot_h;
    let _ = writeln!(
        s,
        r##"    <line x1="{LEFT}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}" stroke="#444444"/>"##,
        LEFT + plot_w
    );
    let _ = writeln!(
        s,
        r##"    <line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base:.1}" stroke="#444444"/>"##
    );
    for (i, b) in t.buckets.iter().enumerate() {
        if i % label_every != 0 {
            continue;
        }
        let x = LEFT + slot * (i as f64 + 0.5);
        let _ = writeln!(
            s,
            r##"    <text transform="translate({x:.1} {:.1}) rotate(-45)" text-anchor="end" fill="#444444">{}</text>"##,
            base + 14.0,
            escape(&b.period)
        );
    }
    let _ = writeln!(s, "  </g>");
    let _ = writeln!(s, "</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_in_eighths() {
        assert_eq!(bar(4, 4, 4), "████");
        assert_eq!(bar(1, 4, 4), "█");
        assert_eq!(bar(1, 8, 1), "▏");
        assert_eq!(bar(0, 8, 10), "");
        assert_eq!(bar(1, 1000, 10), "▏", "a non-zero count is always visible");
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(9, 5), 2);
        assert_eq!(tick_step(1, 5), 1);
        assert_eq!(tick_step(130, 5), 50);
    }

    #[test]
    fn svg_text_is_escaped() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
