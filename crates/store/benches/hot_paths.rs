//! The hot paths of Gehoord against a filled database: the inbox with its
//! filters and paging, the case page (summary and timeline), the dashboards
//! and the annual report, and durable intake through `Store::register_case`.
//!
//! ```sh
//! gehoord --database-url sqlite:///tmp/gehoord-bench/bench.db demo-data --cases 1000000
//! GEHOORD_BENCH_DATABASE_URL=sqlite:///tmp/gehoord-bench/bench.db \
//!     cargo bench -p gehoord-store --bench hot_paths
//! ```
//!
//! Criterion reports the mean time per call with its confidence interval.
//! Because the targets are about the slowest calls, every call is also timed
//! on its own, and a table with p50, p95, p99 and the maximum per benchmark is
//! printed at the end (and written to `GEHOORD_BENCH_REPORT` if set).
//!
//! The intake benchmarks add cases to the database (tens of thousands per run).

use std::{
    cell::RefCell,
    collections::BTreeMap,
    hint::black_box,
    io::Write as _,
    sync::atomic::{AtomicUsize, Ordering},
    time::{Duration, Instant},
};

use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput, measurement::WallTime};
use gehoord_domain::{
    Actor, CaseState, Channel, Command, Complainant, Context, Phase,
    case::{InitialHandling, Intake},
    decide,
    time::date_in_amsterdam,
};
use gehoord_store::{Attention, DbKind, DeadlineQuery, InboxFilter, InboxQuery, InsightFilter, IntakeQueue, Store};
use jiff::Timestamp;
use tokio::runtime::Runtime;
use uuid::Uuid;

const URL_VAR: &str = "GEHOORD_BENCH_DATABASE_URL";

/// How many complaints one iteration of the concurrent intake benchmark
/// submits, and from how many tasks at once.
const CONCURRENT_BATCH: usize = 64;
const CONCURRENT_TASKS: usize = 16;

/// Every call's own duration, per benchmark.
#[derive(Default)]
struct Latencies(RefCell<BTreeMap<String, Vec<Duration>>>);

impl Latencies {
    fn record(&self, name: &str, took: Duration) {
        self.0.borrow_mut().entry(name.to_owned()).or_default().push(took);
    }

    fn table(&self, db: &str) -> String {
        let mut out = format!(
            "Per-call latency on {db} (every timed call, warm-up included)\n\
             {:<34} {:>9} {:>10} {:>10} {:>10} {:>10}\n",
            "benchmark", "calls", "p50", "p95", "p99", "max"
        );
        for (name, samples) in self.0.borrow_mut().iter_mut() {
            samples.sort_unstable();
            let at = |q: f64| {
                let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
                samples[i]
            };
            out.push_str(&format!(
                "{name:<34} {:>9} {:>10} {:>10} {:>10} {:>10}\n",
                samples.len(),
                ms(at(0.50)),
                ms(at(0.95)),
                ms(at(0.99)),
                ms(at(1.0)),
            ));
        }
        out
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// A criterion group with its name, which criterion does not hand back.
struct Group<'a> {
    name: String,
    group: BenchmarkGroup<'a, WallTime>,
}

fn group<'a>(c: &'a mut Criterion, db: &str, name: &str) -> Group<'a> {
    let name = format!("{db}/{name}");
    Group { group: c.benchmark_group(&name), name }
}

/// Benchmarks `call`, timing each call on its own as well.
fn bench<F, Fut, T>(g: &mut Group<'_>, rt: &Runtime, latencies: &Latencies, name: &str, mut call: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = T>,
{
    let full = format!("{}/{name}", g.name);
    g.group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                black_box(rt.block_on(call()));
                let took = start.elapsed();
                latencies.record(&full, took);
                total += took;
            }
            total
        });
    });
}

/// How a complaint reaches the store: one transaction of its own
/// (`Store::register_case`) or through the group-commit writer the web
/// intake uses (`IntakeQueue`).
#[derive(Clone)]
enum Path {
    Direct(Store),
    Queue(IntakeQueue),
}

/// Registers web-form complaint number `n`, as the public form or
/// `POST /v1/klachten` does, and returns once it is durably stored.
fn web_complaint(path: &Path, n: usize) -> impl Future<Output = ()> + 'static {
    let path = path.clone();
    async move {
        let now = Timestamp::now();
        let year = date_in_amsterdam(now).year();
        let decide_case = move |reference| {
            let intake = Intake {
                reference,
                channel: Channel::WebForm,
                received_at: now,
                description: format!(
                    "Benchmark {n}: mijn container is al drie weken niet geleegd. \
                     Ik heb het twee keer gemeld, maar er gebeurt niets."
                ),
                complainant: Complainant {
                    name: Some("Bench Mark".into()),
                    email: Some("bench@example.com".into()),
                    ..Complainant::default()
                },
                conduct_date: None,
                department: None,
                employees_involved: None,
                signed: false,
                handling: InitialHandling::ToComplaintHandling,
            };
            decide(&CaseState::New, Command::Register(Box::new(intake)), &Context::new(now, Actor::Citizen))
        };
        let registered = match path {
            Path::Direct(store) => store.register_case(Uuid::now_v7(), year, decide_case).await,
            Path::Queue(queue) => queue.register(Uuid::now_v7(), year, decide_case).await,
        };
        registered.unwrap_or_else(|e| panic!("registering a complaint failed: {e}"));
    }
}

/// `CONCURRENT_BATCH` complaints from `CONCURRENT_TASKS` tasks at once.
async fn concurrent_batch(path: &Path, n: &AtomicUsize) {
    let first = n.fetch_add(CONCURRENT_BATCH, Ordering::Relaxed);
    let mut tasks = tokio::task::JoinSet::new();
    for t in 0..CONCURRENT_TASKS {
        let work: Vec<_> =
            (t..CONCURRENT_BATCH).step_by(CONCURRENT_TASKS).map(|i| web_complaint(path, first + i)).collect();
        tasks.spawn(async move {
            for w in work {
                w.await;
            }
        });
    }
    tasks.join_all().await;
}

/// Ids of `n` existing cases, spread over the whole table.
async fn sample_cases(store: &Store, n: i64) -> Vec<Uuid> {
    let sql = "SELECT id FROM cases ORDER BY random() LIMIT $1";
    let ids = match store {
        Store::Sqlite(pool) => sqlx::query_scalar(sql).bind(n).fetch_all(pool).await,
        Store::Postgres(pool) => sqlx::query_scalar(sql).bind(n).fetch_all(pool).await,
    };
    ids.unwrap_or_else(|e| panic!("sampling cases: {e}"))
}

fn main() {
    let Ok(url) = std::env::var(URL_VAR) else {
        eprintln!(
            "hot_paths: skipped. Set {URL_VAR} to a database filled with `gehoord demo-data`, e.g.\n  \
             {URL_VAR}=sqlite:///tmp/gehoord-bench/bench.db cargo bench -p gehoord-store --bench hot_paths\n\
             or run scripts/bench, which builds both databases with 1,000,000 cases."
        );
        return;
    };
    let rt = Runtime::new().unwrap_or_else(|e| panic!("tokio runtime: {e}"));
    let store = rt.block_on(Store::open(&url)).unwrap_or_else(|e| panic!("opening {url}: {e}"));
    let db = match store.kind() {
        DbKind::Sqlite => "sqlite",
        DbKind::Postgres => "postgres",
    };

    let ids = rt.block_on(sample_cases(&store, 2000));
    assert!(!ids.is_empty(), "the database has no cases: run `gehoord demo-data` first");
    let handler = rt
        .block_on(store.users())
        .unwrap_or_else(|e| panic!("users: {e}"))
        .into_iter()
        .find(|u| u.username == "demo-handler-1")
        .map(|u| u.id);
    let open = rt.block_on(store.inbox(&InboxQuery::default())).unwrap_or_else(|e| panic!("inbox: {e}"));
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "hot_paths on {db}: {} open cases or more{}; sampled {} case ids",
        open.total,
        if open.total_is_exact { "" } else { " (count capped)" },
        ids.len()
    );
    drop(out);

    let latencies = Latencies::default();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();

    {
        let mut g = group(&mut c, db, "inbox");
        let mut query = |name: &str, q: InboxQuery| {
            bench(&mut g, &rt, &latencies, name, || {
                let store = store.clone();
                let q = q.clone();
                async move { store.inbox(&q).await.unwrap_or_else(|e| panic!("inbox: {e}")) }
            });
        };
        let open = InboxQuery::default();
        query("first_page", open.clone());
        query("unassigned", InboxQuery { unassigned: true, ..open.clone() });
        match handler {
            Some(h) => query("mine", InboxQuery { handler: Some(h), ..open.clone() }),
            None => eprintln!("hot_paths: no demo-handler-1, skipping inbox/mine"),
        }
        query("phase_intake", InboxQuery { phase: Some(Phase::Intake), ..open.clone() });
        query("phase_explore", InboxQuery { phase: Some(Phase::Explore), ..open.clone() });
        query("channel_phone", InboxQuery { channel: Some(Channel::Phone), ..open.clone() });
        query("channel_letter", InboxQuery { channel: Some(Channel::Letter), ..open.clone() });
        let today = date_in_amsterdam(Timestamp::now());
        let attention = Attention { today, commitments_due_on_or_before: today.yesterday().unwrap_or(today) };
        query("needs_attention", InboxQuery { attention: Some(attention), ..open.clone() });
        query("page_200", InboxQuery { page: 200, ..open.clone() });
        query("oldest_first", InboxQuery { oldest_first: true, ..open.clone() });
        query("closed", InboxQuery { status: InboxFilter::Closed, ..open.clone() });
        query("all", InboxQuery { status: InboxFilter::All, ..open.clone() });
        g.group.finish();
    }

    {
        // The deadline overview (/termijnen): open cases by Awb 9:11 deadline.
        let mut g = group(&mut c, db, "deadlines");
        let mut query = |name: &str, q: DeadlineQuery| {
            bench(&mut g, &rt, &latencies, name, || {
                let store = store.clone();
                let q = q.clone();
                async move { store.open_by_deadline(&q).await.unwrap_or_else(|e| panic!("deadlines: {e}")) }
            });
        };
        let all = DeadlineQuery { page: 1, page_size: 25, ..DeadlineQuery::default() };
        query("first_page", all.clone());
        if let Some(h) = handler {
            query("mine", DeadlineQuery { handler: Some(h), ..all.clone() });
        }
        let today = date_in_amsterdam(Timestamp::now());
        query(
            "due_within_a_week",
            DeadlineQuery { due_until: today.checked_add(jiff::Span::new().days(7)).ok(), ..all.clone() },
        );
        query("department", DeadlineQuery { department: Some("Burgerzaken".to_owned()), ..all.clone() });
        bench(&mut g, &rt, &latencies, "departments", || {
            let store = store.clone();
            async move { store.open_departments().await.unwrap_or_else(|e| panic!("departments: {e}")) }
        });
        g.group.finish();
    }

    {
        let mut g = group(&mut c, db, "case");
        let next = AtomicUsize::new(0);
        let pick = || ids[next.fetch_add(1, Ordering::Relaxed) % ids.len()];
        bench(&mut g, &rt, &latencies, "view", || {
            let (store, id) = (store.clone(), pick());
            async move { store.case_view(id).await.unwrap_or_else(|e| panic!("case_view: {e}")) }
        });
        bench(&mut g, &rt, &latencies, "timeline", || {
            let (store, id) = (store.clone(), pick());
            async move { store.timeline(id).await.unwrap_or_else(|e| panic!("timeline: {e}")) }
        });
        // What the case page does: the summary and the timeline.
        bench(&mut g, &rt, &latencies, "page", || {
            let (store, id) = (store.clone(), pick());
            async move {
                let view = store.case_view(id).await.unwrap_or_else(|e| panic!("case_view: {e}"));
                let timeline = store.timeline(id).await.unwrap_or_else(|e| panic!("timeline: {e}"));
                (view, timeline)
            }
        });
        g.group.finish();
    }

    {
        // The dashboards (/inzicht) and the annual report (Awb 9:12a) read the
        // case-facts projection: a year, the whole history, and filters.
        let mut g = group(&mut c, db, "insight");
        // Calls of a second or more: ten samples are plenty.
        g.group.sample_size(10);
        let today = date_in_amsterdam(Timestamp::now());
        let year = today.year() - 1;
        let filter = |from: jiff::civil::Date, to: jiff::civil::Date| InsightFilter {
            from,
            to,
            department: None,
            channel: None,
            category: None,
            handler_id: None,
        };
        let last_year = filter(jiff::civil::date(year, 1, 1), jiff::civil::date(year, 12, 31));
        let mut query = |name: &str, f: InsightFilter| {
            bench(&mut g, &rt, &latencies, name, || {
                let store = store.clone();
                let f = f.clone();
                async move { store.insight(&f, today).await.unwrap_or_else(|e| panic!("insight: {e}")) }
            });
        };
        query("dashboard_last_year", last_year.clone());
        query("dashboard_all_years", filter(jiff::civil::date(2000, 1, 1), today));
        query("dashboard_department", InsightFilter { department: Some("Burgerzaken".into()), ..last_year.clone() });
        query("dashboard_channel", InsightFilter { channel: Some(Channel::Phone), ..last_year.clone() });
        if let Some(h) = handler {
            query("dashboard_handler", InsightFilter { handler_id: Some(h), ..last_year.clone() });
        }
        bench(&mut g, &rt, &latencies, "signals", || {
            let store = store.clone();
            async move {
                let volumes = store.group_volumes(today).await.unwrap_or_else(|e| panic!("volumes: {e}"));
                let flagged = store.signal_cases(200).await.unwrap_or_else(|e| panic!("signals: {e}"));
                (volumes, flagged)
            }
        });
        bench(&mut g, &rt, &latencies, "open_data_last_year", || {
            let store = store.clone();
            async move {
                // The whole file, as the download streams it: day by day.
                let mut rows = 0;
                for day in
                    jiff::civil::date(year, 1, 1).series(jiff::Span::new().days(1)).take_while(|d| d.year() == year)
                {
                    rows += store.open_data_day(day).await.unwrap_or_else(|e| panic!("open data: {e}")).len();
                }
                rows
            }
        });
        g.group.finish();
    }

    {
        // Every call returns only after its complaint is committed durably.
        let mut g = group(&mut c, db, "intake");
        g.group.sampling_mode(SamplingMode::Flat).sample_size(30).measurement_time(Duration::from_secs(8));
        let queue = rt.block_on(async { IntakeQueue::start(store.clone()) });
        let paths = [("register_case", Path::Direct(store.clone())), ("queue", Path::Queue(queue))];
        let n = AtomicUsize::new(0);
        // One citizen at a time: the latency of one durable commit.
        for (name, path) in &paths {
            bench(&mut g, &rt, &latencies, name, || web_complaint(path, n.fetch_add(1, Ordering::Relaxed)));
        }
        // Many citizens at once: throughput in complaints per second.
        g.group.throughput(Throughput::Elements(CONCURRENT_BATCH as u64));
        for (name, path) in &paths {
            let name = format!("{name}_{CONCURRENT_TASKS}_concurrent");
            g.group.bench_function(&name, |b| {
                b.iter_custom(|iters| {
                    let start = Instant::now();
                    for _ in 0..iters {
                        rt.block_on(concurrent_batch(path, &n));
                    }
                    start.elapsed()
                });
            });
        }
        g.group.finish();
    }

    c.final_summary();
    let table = latencies.table(db);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "\n{table}");
    if let Ok(path) = std::env::var("GEHOORD_BENCH_REPORT") {
        match std::fs::write(&path, &table) {
            Ok(()) => {
                let _ = writeln!(out, "Latency table written to {path}");
            }
            Err(e) => eprintln!("hot_paths: cannot write {path}: {e}"),
        }
    }
    rt.block_on(store.close());
}
