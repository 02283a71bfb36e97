//! The SVG report of `tsi stats --svg`: the funnel raised → consent → first meeting → closed,
//! outcomes by level, and the selective level's waiting (R-ST-1, R-ST-2). It draws only
//! published numbers: a suppressed count is a labelled gap, never a bar.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use tsi_core::stats::Published;

/// A bar: its label and value (`None` when suppressed).
type Bar = (String, Option<u64>);

/// The report as an SVG document.
pub fn draw(p: &Published) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, 1050)).into_drawing_area();
        // Drawing into a string cannot fail for want of a device; an error leaves a partial
        // picture, which is still a valid SVG document.
        let _ = draw_all(&root, p);
        let _ = root.present();
    }
    svg
}

fn draw_all<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    p: &Published,
) -> Result<(), Box<dyn std::error::Error + 'a>> {
    root.fill(&WHITE)?;
    let title = format!("TSI statistics at {} (counts below {} suppressed)", p.at, p.min_cell);
    let root = root.titled(&title, ("sans-serif", 22))?;
    let panels = root.split_evenly((3, 1));
    let (funnel, rest) = panels.split_first().ok_or("no panels")?;
    bars(funnel, "Funnel: cases that reached each stage", &funnel_bars(p), "cases", &BLUE)?;
    if let [outcomes, selective] = rest {
        bars(
            outcomes,
            "Outcomes by level: % improved or recovered (ORS, measured twice)",
            &outcome_bars(p),
            "%",
            &GREEN,
        )?;
        let waited = p.durations.iter().find(|d| d.name == "selective_waiting_days");
        let median = waited.and_then(|d| d.median).map_or_else(|| "..".to_owned(), |m| m.to_string());
        let caption = format!(
            "Selective level: needs, waiting for an accountable agency (median {median} days), declined handovers"
        );
        bars(selective, &caption, &selective_bars(p), "count", &RED)?;
    }
    Ok(())
}

fn cell(p: &Published, table: &str, key: &str) -> Option<u64> {
    p.table(table)?.cells.iter().find(|c| c.key == key)?.count
}

fn funnel_bars(p: &Published) -> Vec<Bar> {
    ["Raised", "Consent", "FirstMeeting", "Closed"]
        .iter()
        .map(|s| ((*s).to_owned(), cell(p, "funnel_reached", s)))
        .collect()
}

/// Per level, the share improved or recovered among the cases measured twice (whole percent).
fn outcome_bars(p: &Published) -> Vec<Bar> {
    ["Universal", "Selective", "Indicated"]
        .iter()
        .map(|level| {
            let table = format!("outcomes/{level}");
            let measured = p.table(&table).and_then(|t| t.total.as_ref()).and_then(|t| t.count);
            let better = cell(p, &table, "Improved").zip(cell(p, &table, "Recovered")).map(|(a, b)| a + b);
            let share = measured.filter(|m| *m > 0).zip(better).map(|(m, b)| (b * 100 + m / 2) / m);
            ((*level).to_owned(), share)
        })
        .collect()
}

fn selective_bars(p: &Published) -> Vec<Bar> {
    [
        ("selective_needs", "needs"),
        ("selective_waiting", "waiting"),
        ("selective_declined_handovers", "declined handovers"),
    ]
    .iter()
    .map(|(key, label)| ((*label).to_owned(), cell(p, "selective", key)))
    .collect()
}

fn bars<'a>(
    area: &DrawingArea<SVGBackend<'a>, Shift>,
    caption: &str,
    data: &[Bar],
    unit: &str,
    color: &RGBColor,
) -> Result<(), Box<dyn std::error::Error + 'a>> {
    let top = data.iter().filter_map(|b| b.1).max().unwrap_or(0).max(1);
    let n = data.len();
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 16))
        .margin(14)
        .x_label_area_size(30)
        .y_label_area_size(60)
        .build_cartesian_2d((0..n.saturating_sub(1)).into_segmented(), 0..top + top / 8 + 1)?;
    let label = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(i) => data.get(*i).map_or_else(String::new, |b| b.0.clone()),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .x_labels(n)
        .x_label_formatter(&label)
        .y_desc(unit)
        .draw()?;
    chart.draw_series(
        Histogram::vertical(&chart)
            .style(color.mix(0.7).filled())
            .margin(24)
            .data(data.iter().enumerate().filter_map(|(i, b)| b.1.map(|v| (i, v)))),
    )?;
    let centred = ("sans-serif", 14).into_font().into_text_style(area).pos(Pos::new(HPos::Center, VPos::Bottom));
    let notes = data.iter().enumerate().map(|(i, b)| {
        let text = b.1.map_or_else(|| "suppressed".to_owned(), |v| v.to_string());
        Text::new(text, (SegmentValue::CenterOf(i), b.1.unwrap_or(0) + top / 100), centred.clone())
    });
    chart.draw_series(notes)?;
    Ok(())
}
