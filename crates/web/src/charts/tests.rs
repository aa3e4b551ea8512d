use super::*;

fn norms() -> BarChart {
    BarChart {
        id: "normen".into(),
        title: "Meest geschonden normen".into(),
        description: "Gegronde klachtonderdelen per norm in 2026".into(),
        label_header: "Norm".into(),
        unit: Unit::PARTS,
        bars: vec![
            ("Luisteren naar de burger".into(), 1200),
            ("Voortvarendheid".into(), 600),
            ("Goede informatieverstrekking".into(), 300),
        ],
    }
}

fn volumes() -> ColumnChart {
    ColumnChart {
        id: "volume".into(),
        title: "Klachten per maand".into(),
        description: "Ontvangen klachten per maand, per kanaal.".into(),
        period_header: "Maand".into(),
        unit: Unit::COMPLAINTS,
        periods: vec!["jan 2026".into(), "feb 2026".into(), "mrt 2026".into()],
        series: vec![
            Series { name: "Webformulier".into(), values: vec![40, 52, 1100] },
            Series { name: "Telefoon".into(), values: vec![12, 9] },
        ],
    }
}

fn term() -> ShareBar {
    ShareBar {
        id: "termijn".into(),
        title: "Binnen de wettelijke termijn".into(),
        description: "Formele klachten afgehandeld in 2026.".into(),
        label_header: "Afhandeling".into(),
        unit: Unit::COMPLAINTS,
        parts: vec![("Binnen de termijn".into(), 140), ("Te laat".into(), 60)],
    }
}

/// The SVG parsed as XML (it must be: the PDF report embeds it too).
fn parse(markup: &Markup) -> roxmltree::Document<'_> {
    let markup = markup.as_str();
    roxmltree::Document::parse(markup).unwrap_or_else(|e| panic!("not well-formed: {e}\n{markup}"))
}

/// The `attr` of every `tag` element in document order, outside `<defs>`
/// (the patterns' own tiles are no bars) unless `tag` is defined there.
fn attrs<'a>(doc: &'a roxmltree::Document<'_>, tag: &str, attr: &str) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.has_tag_name(tag))
        .filter(|n| tag == "pattern" || !n.ancestors().any(|a| a.has_tag_name("defs")))
        .filter_map(|n| n.attribute(attr))
        .collect()
}

fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or_default().to_owned()).collect()
}

#[test]
fn every_chart_is_an_image_named_by_its_title_and_described_by_its_numbers() {
    let charts: [&dyn Chart; 3] = [&norms(), &volumes(), &term()];
    for chart in charts {
        let markup = chart.svg().unwrap();
        let doc = parse(&markup);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("role"), Some("img"));
        assert!(root.attribute("viewBox").is_some_and(|v| v.starts_with("0 0 640 ")), "{markup}");
        assert_eq!(root.attribute("width"), Some("100%"));
        let labelled_by: Vec<&str> = root.attribute("aria-labelledby").unwrap_or_default().split(' ').collect();
        assert_eq!(labelled_by.len(), 2);
        let title = doc.descendants().find(|n| n.attribute("id") == Some(labelled_by[0])).unwrap();
        let desc = doc.descendants().find(|n| n.attribute("id") == Some(labelled_by[1])).unwrap();
        assert_eq!(title.tag_name().name(), "title");
        assert_eq!(desc.tag_name().name(), "desc");
        assert_eq!(desc.text(), Some(chart.description().as_str()));
        // Ids are unique within the chart.
        let ids = attrs(&doc, "title", "id").into_iter().chain(attrs(&doc, "pattern", "id")).collect::<Vec<_>>();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(ids.len(), unique.len());
        // Text is never smaller than 12 units.
        for size in attrs(&doc, "text", "font-size").into_iter().chain(root.attribute("font-size")) {
            assert!(size.parse::<f64>().unwrap() >= 12.0, "{size}");
        }
    }
}

#[test]
fn descriptions_state_the_key_numbers_in_dutch() {
    assert_eq!(
        norms().description(),
        "Gegronde klachtonderdelen per norm in 2026. Totaal 2.100 klachtonderdelen. \
         Luisteren naar de burger: 1.200, Voortvarendheid: 600 en Goede informatieverstrekking: 300."
    );
    assert_eq!(
        volumes().description(),
        "Ontvangen klachten per maand, per kanaal. Totaal 1.213 klachten. Meeste in mrt 2026: 1.100. \
         Minste in jan 2026: 52. Per reeks: Webformulier 1.192 en Telefoon 21."
    );
    assert_eq!(
        term().description(),
        "Formele klachten afgehandeld in 2026. Van de 200 klachten: Binnen de termijn 140 (70%) en Te laat 60 (30%)."
    );
}

#[test]
fn the_ids_take_the_prefix_so_two_charts_on_one_page_do_not_collide() {
    let mut other = volumes();
    other.id = "volume per categorie".into();
    let first = volumes().svg().unwrap();
    let second = other.svg().unwrap();
    let first_ids = attrs(&parse(&first), "pattern", "id").into_iter().map(str::to_owned).collect::<Vec<_>>();
    let second_doc = parse(&second);
    let second_ids = attrs(&second_doc, "pattern", "id");
    assert!(!first_ids.is_empty());
    assert!(second_ids.iter().all(|id| id.starts_with("volume-per-categorie-") && !first_ids.iter().any(|f| f == id)));
    assert_eq!(svg::id_prefix("7 <b>"), "chart-7--b-");
}

#[test]
fn labels_are_user_data_and_escaped_everywhere() {
    let mut chart = norms();
    chart.title = "Titel & <i>".into();
    chart.bars[0].0 = "<script>alert('x')</script>".into();
    let markup = chart.svg().unwrap();
    assert!(!markup.as_str().contains("<script>"));
    assert!(!markup.as_str().contains("<i>"));
    assert!(markup.as_str().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    // Still well-formed, and the text reads back as typed.
    let doc = parse(&markup);
    assert!(texts(&doc).iter().any(|t| t == "<script>alert('x')</script>"));
    let table = chart.table().render();
    assert!(!table.as_str().contains("<script>"));
    assert!(table.as_str().contains("<caption>Titel &amp; &lt;i&gt;</caption>"));

    let mut columns = volumes();
    columns.series[1].name = "\"><script>".into();
    columns.periods[0] = "<b>jan".into();
    let markup = columns.svg().unwrap();
    assert!(!markup.as_str().contains("<script>") && !markup.as_str().contains("<b>"));
    parse(&markup);
}

#[test]
fn without_data_a_chart_says_so_instead_of_drawing_an_empty_frame() {
    let empty = "<p class=\"gehoord-chart__empty\">Geen gegevens in deze periode.</p>";
    let mut bars = norms();
    bars.bars.clear();
    assert_eq!(bars.render().as_str(), empty);
    assert_eq!(bars.svg(), None);
    let mut columns = volumes();
    columns.periods.clear();
    assert_eq!(columns.render().as_str(), empty);
    columns = volumes();
    columns.series.clear();
    assert_eq!(columns.render().as_str(), empty);
    let mut share = term();
    share.parts = vec![("Binnen de termijn".into(), 0), ("Te laat".into(), 0)];
    assert_eq!(share.render().as_str(), empty);
    share.parts.clear();
    assert_eq!(share.render().as_str(), empty);
    assert!(share.table().render().as_str().contains("Geen gegevens in deze periode."));
    assert!(!share.table().render().as_str().contains("<table"));
}

#[test]
fn bar_lengths_are_proportional_to_the_values() {
    let markup = norms().svg().unwrap();
    let doc = parse(&markup);
    let widths: Vec<f64> = attrs(&doc, "rect", "width").into_iter().map(|w| w.parse().unwrap()).collect();
    assert_eq!(widths.len(), 3);
    assert!((widths[0] / widths[1] - 2.0).abs() < 0.01, "{widths:?}");
    assert!((widths[0] / widths[2] - 4.0).abs() < 0.01, "{widths:?}");
    // The values are printed at the bars, Dutch style.
    let texts = texts(&doc);
    for value in ["1.200", "600", "300"] {
        assert!(texts.iter().any(|t| t == value), "{value} in {texts:?}");
    }
}

#[test]
fn one_bar_fills_the_span_and_zero_bars_draw_nothing_but_their_zero() {
    let mut chart = norms();
    chart.bars.truncate(1);
    let one = chart.svg().unwrap();
    assert_eq!(attrs(&parse(&one), "rect", "width"), ["332"]);

    chart.bars = vec![("A".into(), 0), ("B".into(), 0)];
    let zeros = chart.svg().unwrap();
    let doc = parse(&zeros);
    assert!(attrs(&doc, "rect", "width").is_empty());
    assert_eq!(texts(&doc).iter().filter(|t| *t == "0").count(), 2);
    assert!(!zeros.as_str().contains("NaN") && !zeros.as_str().contains("inf"));
    assert!(chart.description().contains("Totaal 0 klachtonderdelen"));

    let mut columns = volumes();
    columns.series = vec![Series { name: "Alles".into(), values: vec![0, 0, 0] }];
    let markup = columns.svg().unwrap();
    assert!(!markup.as_str().contains("NaN"));
    assert!(attrs(&parse(&markup), "rect", "height").is_empty());
}

#[test]
fn long_labels_are_cut_with_the_full_label_in_the_tooltip() {
    let long = "Het bestuursorgaan heeft de klager onvoldoende geïnformeerd over de voortgang van zijn aanvraag";
    let mut chart = norms();
    chart.bars[1].0 = long.into();
    let markup = chart.svg().unwrap();
    let doc = parse(&markup);
    let label = texts(&doc).into_iter().find(|t| t.starts_with("Het bestuursorgaan")).unwrap();
    assert!(label.ends_with('…'));
    assert!(label.chars().count() <= 30);
    let tooltips: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text()).collect();
    assert!(tooltips.contains(&format!("{long}: 600 klachtonderdelen").as_str()), "{tooltips:?}");
    // The table keeps the whole label.
    assert!(chart.table().render().as_str().contains(long));
}

#[test]
fn stacked_columns_have_a_legend_with_pattern_and_name_for_every_series() {
    let markup = volumes().svg().unwrap();
    let doc = parse(&markup);
    let patterns = attrs(&doc, "pattern", "id");
    assert_eq!(patterns, ["volume-pattern-1", "volume-pattern-2"]);
    let texts = texts(&doc);
    assert!(texts.contains(&"Webformulier".to_owned()) && texts.contains(&"Telefoon".to_owned()));
    // Columns stack: march's single segment (1100 under a top of 1500) is 11/15 of the plot.
    let heights: Vec<f64> = attrs(&doc, "rect", "height").into_iter().map(|h| h.parse().unwrap()).collect();
    assert!(heights.iter().any(|h| (h - 220.0 * 1100.0 / 1500.0).abs() < 0.06), "{heights:?}");
    // Jan's segments: 40 and 12 stacked (no segment for Telefoon's missing March value).
    assert_eq!(heights.len(), 5 + 2, "five segments and two legend swatches: {heights:?}");
    // Totals above the columns, grid values on the axis.
    for expected in ["52", "61", "1.100", "0", "500", "1.500"] {
        assert!(texts.contains(&expected.to_owned()), "{expected} in {texts:?}");
    }
}

#[test]
fn grid_steps_are_round_numbers() {
    assert_eq!(column::step_for(0), 1);
    assert_eq!(column::step_for(3), 1);
    assert_eq!(column::step_for(7), 2);
    assert_eq!(column::step_for(19), 5);
    assert_eq!(column::step_for(1100), 500);
    assert_eq!(column::step_for(4000), 1000);
}

#[test]
fn the_tables_hold_the_same_numbers_as_the_charts() {
    let table = volumes().table();
    assert_eq!(table.columns, ["Maand", "Webformulier", "Telefoon", "Totaal"]);
    assert_eq!(table.rows[2], [Cell::Text("mrt 2026".into()), Cell::Count(1100), Cell::Count(0), Cell::Count(1100)]);
    let mut single = volumes();
    single.series.truncate(1);
    assert_eq!(single.table().columns, ["Maand", "Aantal klachten"]);

    let share = term().table();
    assert_eq!(share.columns, ["Afhandeling", "Aantal klachten", "Aandeel"]);
    assert_eq!(share.rows[0], [Cell::Text("Binnen de termijn".into()), Cell::Count(140), Cell::Percent(0.7)]);
    assert_eq!(share.rows[2], [Cell::Text("Totaal".into()), Cell::Count(200), Cell::Percent(1.0)]);

    let html = norms().table().render();
    let html = html.as_str();
    assert!(html.contains("<caption>Meest geschonden normen</caption>"));
    assert!(
        html.contains(
            r#"<th scope="col">Norm</th><th scope="col" class="table__numeric">Aantal klachtonderdelen</th>"#
        )
    );
    assert!(html.contains(r#"<th scope="row">Luisteren naar de burger</th><td class="table__numeric">1.200</td>"#));
}

#[test]
fn table_cells_show_as_dutch_readers_expect() {
    assert_eq!(Cell::Count(1_234_567).display(), "1.234.567");
    assert_eq!(Cell::Decimal(12.54).display(), "12,5");
    assert_eq!(Cell::Decimal(1234.0).display(), "1.234,0");
    assert_eq!(Cell::Percent(0.285).display(), "29%");
    assert_eq!(Cell::Date(jiff::civil::date(2026, 4, 8)).display(), "08-04-2026");
    assert_eq!(Cell::from(None::<u64>), Cell::Empty);
    assert_eq!(Cell::Empty.display(), "");
}

#[test]
fn dutch_number_formatting() {
    assert_eq!(count(0), "0");
    assert_eq!(count(999), "999");
    assert_eq!(count(1000), "1.000");
    assert_eq!(count(1_234), "1.234");
    assert_eq!(count(12_345_678), "12.345.678");
    assert_eq!(count(u64::MAX), "18.446.744.073.709.551.615");
    assert_eq!(decimal(0.04), "0,0");
    assert_eq!(decimal(-0.04), "0,0");
    assert_eq!(decimal(-2.25), "-2,3");
    assert_eq!(decimal(f64::NAN), "–");
    assert_eq!(percent(0.7), "70%");
    assert_eq!(percent(2.0 / 3.0), "67%");
    assert_eq!(percent(0.005), "1%");
    assert_eq!(percent(0.0), "0%");
    assert_eq!(Unit::COMPLAINTS.count(1), "1 klacht");
    assert_eq!(Unit::COMPLAINTS.count(1001), "1.001 klachten");
}

/// WCAG 1.4.11: graphics need 3:1 against the white page.
#[test]
fn series_colours_contrast_at_least_three_to_one_with_white() {
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }
    for colour in svg::PALETTE.iter().chain([&svg::AXIS_COLOUR, &svg::TEXT_COLOUR]) {
        let ratio = 1.05 / (luminance(colour) + 0.05);
        assert!(ratio >= 3.0, "{colour}: {ratio:.2}");
    }
    // Distinct colours, and more series than colours reuse them in order.
    let mut distinct = svg::PALETTE.to_vec();
    distinct.dedup();
    assert_eq!(distinct.len(), svg::PALETTE.len());
    assert_eq!(svg::series_paint("c", 7), svg::series_paint("c", 1));
}

#[test]
fn markup_is_written_unescaped_by_askama() {
    #[derive(askama::Template)]
    #[template(source = "<div>{{ chart }}</div>", ext = "html")]
    struct Page {
        chart: Markup,
    }
    let chart = norms().render();
    assert!(chart.as_str().starts_with(r#"<div class="gehoord-chart-figure" tabindex="0"><svg "#));
    let html = askama::Template::render(&Page { chart: chart.clone() }).unwrap();
    assert_eq!(html, format!("<div>{chart}</div>"));
}

/// One element per line, so a snapshot's diff shows what changed.
fn lines(markup: &Markup) -> String {
    markup.as_str().replace("><", ">\n<")
}

#[test]
fn snapshot_bar_chart() {
    insta::assert_snapshot!(lines(&norms().svg().unwrap()));
}

#[test]
fn snapshot_stacked_column_chart() {
    insta::assert_snapshot!(lines(&volumes().svg().unwrap()));
}

#[test]
fn snapshot_share_bar_and_its_table() {
    insta::assert_snapshot!(format!("{}\n{}", lines(&term().render()), lines(&term().table().render())));
}
