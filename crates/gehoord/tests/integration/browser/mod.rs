//! Browser tests: a real headless Chromium, driven over WebDriver by fantoccini, with
//! axe-core checking every page for WCAG 2.1 A/AA violations.
//!
//! Each [`Browser`] starts its own `chromedriver` on a free port with a fresh Chromium
//! profile in a temporary directory, so tests can run in parallel processes (nextest). When
//! the `Browser` is dropped, chromedriver and every Chromium process it started are killed
//! and the profile is removed.
//!
//! Environment (all set by `scripts/test`):
//! - `CHROMIUM`: the Chromium binary (default `/usr/bin/chromium`);
//! - `CHROMEDRIVER`: the matching chromedriver (default `/usr/bin/chromedriver`);
//! - `AXE_CORE_JS`: `axe.min.js` from the `axe-core` npm package (default
//!   `target/npm/node_modules/axe-core/axe.min.js`, where `scripts/test` installs it).
//!
//! A missing browser or axe-core fails the test with a message saying how to get it:
//! browser tests are never skipped silently.
//!
//! Every helper panics with a readable message (and the page's URL) when the browser cannot
//! do what was asked, so tests read as a list of user steps without `?` or `unwrap`.

mod citizen_journey;
mod formal;
mod house_style;
mod info;
mod insight;
mod journeys;
mod lessons;
mod letters;
mod public_form;
mod status_page;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tokio::process::{Child, Command};

/// Flags without which headless Chromium hangs or phones home in a sandboxed CI machine.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--lang=nl-NL",
    "--window-size=1280,1024",
];

/// How long a page element, URL or text may take to show up before a test fails.
const WAIT: Duration = Duration::from_secs(10);
/// How long chromedriver may take to start and Chromium to open a session.
const STARTUP: Duration = Duration::from_secs(60);

/// The axe-core tags that together make up WCAG 2.1 level A and AA.
const WCAG_21_AA_TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// A headless Chromium session of its own, with its own chromedriver.
#[derive(Debug)]
pub struct Browser {
    client: Client,
    /// Killed on drop, with every Chromium process it started.
    _driver: Driver,
    /// Profile, temp files and the chromedriver log; removed on drop, after the kill.
    _dir: tempfile::TempDir,
}

/// chromedriver, leader of a process group that also holds every Chromium process.
#[derive(Debug)]
struct Driver(Child);

impl Browser {
    /// Starts chromedriver on a free port and opens a headless Chromium session.
    pub async fn start() -> Browser {
        let chromium = binary("CHROMIUM", "/usr/bin/chromium");
        let chromedriver = binary("CHROMEDRIVER", "/usr/bin/chromedriver");
        let dir = tempfile::Builder::new()
            .prefix("gehoord-browser-")
            .tempdir()
            .unwrap_or_else(|e| panic!("browser: cannot create a temporary directory: {e}"));
        let tmp = dir.path().join("tmp");
        std::fs::create_dir(&tmp).unwrap_or_else(|e| panic!("browser: cannot create {}: {e}", tmp.display()));
        let log = dir.path().join("chromedriver.log");

        // A port that was free a moment ago can be taken by a parallel test before
        // chromedriver binds it; try a few.
        let mut failures = Vec::new();
        let mut started = None;
        for _attempt in 0..3 {
            let port = free_port();
            let mut driver = Driver(
                Command::new(&chromedriver)
                    .arg(format!("--port={port}"))
                    .arg(format!("--log-path={}", log.display()))
                    // Chromium writes its scratch files here, so the drop removes them too.
                    .env("TMPDIR", &tmp)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    // Its own process group, so the drop can end Chromium together with it.
                    .process_group(0)
                    .kill_on_drop(true)
                    .spawn()
                    .unwrap_or_else(|e| panic!("browser: cannot start {}: {e}", chromedriver.display())),
            );
            match wait_until_ready(&mut driver.0, port).await {
                Ok(()) => {
                    started = Some((driver, port));
                    break;
                }
                Err(why) => failures.push(why),
            }
        }
        let Some((driver, port)) = started else {
            panic!(
                "browser: chromedriver ({}) did not start: {}\n{}",
                chromedriver.display(),
                failures.join("; "),
                log_tail(&log)
            );
        };

        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| (*f).to_owned()).collect();
        args.push(format!("--user-data-dir={}", dir.path().join("profile").display()));
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities
            .insert("goog:chromeOptions".into(), json!({ "binary": chromium.display().to_string(), "args": args }));
        let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(capabilities);
        let webdriver = format!("http://127.0.0.1:{port}");
        let connect = builder.connect(&webdriver);
        let client = match tokio::time::timeout(STARTUP, connect).await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => {
                panic!("browser: Chromium ({}) did not open a session: {e}\n{}", chromium.display(), log_tail(&log))
            }
            Err(_) => panic!(
                "browser: Chromium ({}) did not open a session within {STARTUP:?}\n{}",
                chromium.display(),
                log_tail(&log)
            ),
        };
        let browser = Browser { client, _driver: driver, _dir: dir };
        let timeouts = TimeoutConfiguration::new(
            Some(Duration::from_secs(60)),
            Some(Duration::from_secs(30)),
            Some(Duration::ZERO),
        );
        if let Err(e) = browser.client.update_timeouts(timeouts).await {
            browser.fail(format!("cannot set timeouts: {e}")).await;
        }
        browser
    }

    /// Ends the session cleanly: chromedriver closes Chromium and waits for it. Dropping a
    /// `Browser` without this (a failing test) kills them instead.
    pub async fn close(self) {
        // An error here only means Chromium is gone already; the drop cleans up the rest.
        let _ = self.client.clone().close().await;
    }

    /// Opens `url` and waits until the page has loaded.
    pub async fn goto(&self, url: &str) {
        if let Err(e) = self.client.goto(url).await {
            self.fail(format!("cannot open {url}: {e}")).await;
        }
    }

    /// The path of the current page, e.g. `/klachten`.
    pub async fn path(&self) -> String {
        match self.client.current_url().await {
            Ok(url) => url.path().to_owned(),
            Err(e) => panic!("browser: cannot read the current URL: {e}"),
        }
    }

    /// Waits until the current path is `path` (after a redirect, for instance).
    pub async fn wait_for_path(&self, path: &str) {
        let deadline = Instant::now() + WAIT;
        while self.path().await != path {
            if Instant::now() > deadline {
                self.fail(format!("expected to arrive at {path} within {WAIT:?}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The element matching `css`; fails when there is none.
    pub async fn find(&self, css: &str) -> Element {
        match self.client.find(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => self.fail(format!("no element matches {css}: {e}")).await,
        }
    }

    /// Every element matching `css` (possibly none).
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        match self.client.find_all(Locator::Css(css)).await {
            Ok(elements) => elements,
            Err(e) => self.fail(format!("cannot look for {css}: {e}")).await,
        }
    }

    /// Whether any element matches `css`, without waiting.
    pub async fn exists(&self, css: &str) -> bool {
        !self.find_all(css).await.is_empty()
    }

    /// Waits until an element matching `css` is on the page and returns it.
    pub async fn wait_for(&self, css: &str) -> Element {
        match self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => self.fail(format!("{css} did not appear within {WAIT:?}: {e}")).await,
        }
    }

    /// The rendered text of the element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        let element = self.find(css).await;
        match element.text().await {
            Ok(text) => text,
            Err(e) => self.fail(format!("cannot read the text of {css}: {e}")).await,
        }
    }

    /// Sets the browser window to `width` × `height` CSS pixels (a phone is 375 × 812).
    pub async fn resize(&self, width: u32, height: u32) {
        if let Err(e) = self.client.set_window_size(width, height).await {
            self.fail(format!("cannot resize the window to {width}x{height}: {e}")).await;
        }
        // The page must really be that narrow, or a fit test proves nothing.
        match self.client.execute("return window.innerWidth;", vec![]).await {
            Ok(Value::Number(w)) if w.as_u64().is_some_and(|w| w <= u64::from(width)) => {}
            other => self.fail(format!("the window is not {width} wide: {other:?}")).await,
        }
    }

    /// Whether the page is wider than the window (it would scroll sideways).
    pub async fn scrolls_sideways(&self) -> bool {
        let script = "return document.documentElement.scrollWidth > document.documentElement.clientWidth;";
        match self.client.execute(script, vec![]).await {
            Ok(Value::Bool(wider)) => wider,
            other => self.fail(format!("cannot measure the page width: {other:?}")).await,
        }
    }

    /// The innermost elements that stick out of the window on the right, for
    /// a failure message about sideways scrolling.
    pub async fn sticking_out(&self) -> String {
        let script = "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]\
            .filter(e => e.getBoundingClientRect().right > w + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))\
            .slice(0, 10).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('\\n');";
        match self.client.execute(script, vec![]).await {
            Ok(Value::String(list)) => list,
            other => format!("(cannot list: {other:?})"),
        }
    }

    /// The rendered text of the whole page.
    pub async fn page_text(&self) -> String {
        self.text("body").await
    }

    /// Clears the input or textarea with this `id` and types `value` into it.
    pub async fn fill(&self, id: &str, value: &str) {
        let element = match self.client.find(Locator::Id(id)).await {
            Ok(element) => element,
            Err(e) => self.fail(format!("no field with id {id}: {e}")).await,
        };
        if let Err(e) = element.clear().await {
            self.fail(format!("cannot clear #{id}: {e}")).await;
        }
        if let Err(e) = element.send_keys(value).await {
            self.fail(format!("cannot type into #{id}: {e}")).await;
        }
    }

    /// Clicks the element matching `css` (a link, button, radio button, ...). A click that
    /// submits a form or follows a link returns once the next page has loaded.
    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        if let Err(e) = element.click().await {
            self.fail(format!("cannot click {css}: {e}")).await;
        }
    }

    /// Presses and releases one key on the keyboard, as a user would: the key goes to
    /// whatever has focus.
    pub async fn press(&self, key: Key) {
        let value = char::from(key);
        let keys = KeyActions::new("keyboard".into()).then(KeyAction::Down { value }).then(KeyAction::Up { value });
        if let Err(e) = self.client.perform_actions(keys).await {
            self.fail(format!("cannot press {key:?}: {e}")).await;
        }
    }

    /// Types `text` on the keyboard into whatever has focus.
    pub async fn type_text(&self, text: &str) {
        let mut keys = KeyActions::new("keyboard".into());
        for value in text.chars() {
            keys = keys.then(KeyAction::Down { value }).then(KeyAction::Up { value });
        }
        if let Err(e) = self.client.perform_actions(keys).await {
            self.fail(format!("cannot type {text:?}: {e}")).await;
        }
    }

    /// Whether the element that has keyboard focus matches `css`.
    pub async fn focused_matches(&self, css: &str) -> bool {
        let script = "const el = document.activeElement; return !!el && el.matches(arguments[0]);";
        match self.client.execute(script, vec![json!(css)]).await {
            Ok(Value::Bool(matches)) => matches,
            Ok(other) => panic!("browser: unexpected answer {other} while checking focus"),
            Err(e) => self.fail(format!("cannot check focus: {e}")).await,
        }
    }

    /// A short description of the element that has keyboard focus, like
    /// `a.skip-link "Naar de inhoud"` or `textarea#description`.
    pub async fn focused(&self) -> String {
        let script = r##"
            const el = document.activeElement;
            if (!el || el === document.body) return "(nothing: the page itself)";
            let name = el.tagName.toLowerCase();
            if (el.id) name += "#" + el.id;
            for (const c of el.classList) name += "." + c;
            const text = (el.innerText || el.value || "").trim().slice(0, 40);
            return text ? name + " " + JSON.stringify(text) : name;
        "##;
        match self.client.execute(script, vec![]).await {
            Ok(Value::String(description)) => description,
            Ok(other) => other.to_string(),
            Err(e) => self.fail(format!("cannot read focus: {e}")).await,
        }
    }

    /// Presses Tab until the element matching `css` has focus, at most `max_presses` times.
    /// Fails with the focus order it went through when it never gets there.
    pub async fn tab_to(&self, css: &str, max_presses: usize) {
        let mut path = Vec::new();
        for _ in 0..max_presses {
            self.press(Key::Tab).await;
            if self.focused_matches(css).await {
                return;
            }
            path.push(self.focused().await);
        }
        self.fail(format!(
            "{css} did not get focus after {max_presses} Tab presses; focus went to:\n  {}",
            path.join("\n  ")
        ))
        .await
    }

    /// Runs axe-core on the current page for WCAG 2.1 A and AA and fails with the list of
    /// violations (rule, impact, help, offending elements) if there is any.
    /// `page_name` says which page in that message.
    pub async fn assert_accessible(&self, page_name: &str) {
        // Every checked page is also kept as a picture, for review.
        let slug: String = page_name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        self.screenshot(&slug).await;
        let loaded = "return typeof window.axe === 'object' && typeof window.axe.run === 'function';";
        let already = matches!(self.client.execute(loaded, vec![]).await, Ok(Value::Bool(true)));
        if !already && let Err(e) = self.client.execute(axe_source(), vec![]).await {
            self.fail(format!("cannot load axe-core into {page_name}: {e}")).await;
        }
        let run = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, {
                runOnly: { type: 'tag', values: arguments[0] },
                resultTypes: ['violations'],
            }).then(
                (results) => done({ violations: results.violations.map((v) => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    helpUrl: v.helpUrl,
                    nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
                })) }),
                (error) => done({ error: String(error) }),
            );
        "#;
        let outcome = match self.client.execute_async(run, vec![json!(WCAG_21_AA_TAGS)]).await {
            Ok(outcome) => outcome,
            Err(e) => self.fail(format!("axe-core did not run on {page_name}: {e}")).await,
        };
        if let Some(error) = outcome.get("error") {
            self.fail(format!("axe-core failed on {page_name}: {error}")).await;
        }
        let Some(violations) = outcome.get("violations").and_then(Value::as_array) else {
            panic!("browser: unexpected answer from axe-core on {page_name}: {outcome}");
        };
        if violations.is_empty() {
            self.assert_unique_ids(page_name).await;
            return;
        }
        let url = self.client.current_url().await.map(|u| u.to_string());
        panic!(
            "axe-core: {} WCAG 2.1 A/AA violation(s) on {page_name} ({}):\n{}",
            violations.len(),
            url.unwrap_or_else(|e| format!("URL unknown: {e}")),
            describe_violations(violations)
        );
    }

    /// Ids are unique (WCAG 4.1.1 and 4.1.2: a label or error link must reach its own
    /// field). axe only lists a duplicate id as "needs review", so it is checked here.
    async fn assert_unique_ids(&self, page_name: &str) {
        let script = r#"
            const seen = new Map();
            for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
            return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
        "#;
        let duplicates = match self.client.execute(script, vec![]).await {
            Ok(value) => value,
            Err(e) => self.fail(format!("cannot list the ids on {page_name}: {e}")).await,
        };
        if duplicates.as_array().is_some_and(|d| !d.is_empty()) {
            self.fail(format!("duplicate ids on {page_name}: {duplicates}")).await;
        }
    }

    /// Fails the test with `what` and the current URL; keeps the page's HTML for a look
    /// afterwards.
    async fn fail(&self, what: String) -> ! {
        let url = match self.client.current_url().await {
            Ok(url) => url.to_string(),
            Err(e) => format!("URL unknown: {e}"),
        };
        let kept = match self.client.source().await {
            Ok(html) => keep_page(&html),
            Err(e) => format!("(page source unavailable: {e})"),
        };
        let shot = self.screenshot("failure").await;
        panic!("browser: {what}\n  at {url}\n  page: {kept}\n  screenshot: {shot}");
    }

    /// Saves what the page looks like as a PNG under the test's temp dir and
    /// says where (for failures, and for looking at a page while building it).
    pub async fn screenshot(&self, name: &str) -> String {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots");
        let file = dir.join(format!("{name}-{}.png", std::process::id()));
        match self.client.screenshot().await {
            Ok(png) => match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, png)) {
                Ok(()) => file.display().to_string(),
                Err(e) => format!("(could not save: {e})"),
            },
            Err(e) => format!("(no screenshot: {e})"),
        }
    }
}

impl Drop for Driver {
    /// Kills chromedriver and every Chromium process in its process group, right away.
    fn drop(&mut self) {
        if let Some(pid) = self.0.id() {
            // `kill -- -PGID` signals the whole group; no unsafe libc call needed.
            let _ = std::process::Command::new("kill")
                .args(["-KILL", "--", &format!("-{pid}")])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.0.start_kill();
    }
}

/// A binary from the environment variable `var`, or `default`; fails with how to install it.
fn binary(var: &str, default: &str) -> PathBuf {
    let path = std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from);
    if !path.is_file() {
        panic!(
            "browser: {} not found ({var}). The browser tests need headless Chromium and its \
             driver: `apt-get install chromium chromium-driver` (Debian), or set CHROMIUM and \
             CHROMEDRIVER. `scripts/test` checks this before running the suite.",
            path.display()
        );
    }
    path
}

/// A TCP port on 127.0.0.1 that nobody listens on right now.
fn free_port() -> u16 {
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("browser: cannot find a free port: {e}"));
    listener.local_addr().unwrap_or_else(|e| panic!("browser: cannot find a free port: {e}")).port()
}

/// Waits until chromedriver on `port` says it is ready for a new session.
async fn wait_until_ready(driver: &mut Child, port: u16) -> Result<(), String> {
    let http = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(2))
        .build()
        .map_err(|e| format!("cannot build an HTTP client: {e}"))?;
    let status = format!("http://127.0.0.1:{port}/status");
    let deadline = Instant::now() + STARTUP;
    loop {
        if let Ok(Some(exit)) = driver.try_wait() {
            return Err(format!("chromedriver on port {port} exited: {exit}"));
        }
        if let Ok(response) = http.get(&status).send().await
            && let Ok(body) = response.json::<Value>().await
            && body["value"]["ready"] == Value::Bool(true)
        {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("chromedriver on port {port} not ready after {STARTUP:?}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The last lines of chromedriver's log, for a failure message.
fn log_tail(log: &Path) -> String {
    match std::fs::read_to_string(log) {
        Ok(text) => {
            let lines: Vec<&str> = text.lines().collect();
            let start = lines.len().saturating_sub(20);
            format!("chromedriver log (last lines):\n{}", lines[start..].join("\n"))
        }
        Err(e) => format!("(no chromedriver log at {}: {e})", log.display()),
    }
}

/// The contents of axe.min.js, read once per test process.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = std::env::var_os("AXE_CORE_JS").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/npm/node_modules/axe-core/axe.min.js"),
            PathBuf::from,
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core not found at {} ({e}). Run the suite with `scripts/test`, which \
                 installs the axe-core npm package, or set AXE_CORE_JS to axe.min.js.",
                path.display()
            )
        })
    })
}

/// axe-core's violations as a readable list.
fn describe_violations(violations: &[Value]) -> String {
    let mut out = String::new();
    for violation in violations {
        let text = |key: &str| violation[key].as_str().unwrap_or("?").to_owned();
        out.push_str(&format!("- {} ({}): {}\n  {}\n", text("id"), text("impact"), text("help"), text("helpUrl")));
        for node in violation["nodes"].as_array().into_iter().flatten() {
            let target = match &node["target"] {
                Value::Array(parts) => parts
                    .iter()
                    .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_owned))
                    .collect::<Vec<_>>()
                    .join(" >> "),
                other => other.to_string(),
            };
            let html: String = node["html"].as_str().unwrap_or("").chars().take(160).collect();
            out.push_str(&format!("    at {target}: {html}\n"));
        }
    }
    out
}

/// Writes a failing page's HTML under the target directory and says where.
fn keep_page(html: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-failures");
    let stamp =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or_default();
    let file = dir.join(format!("{}-{stamp}.html", std::process::id()));
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, html)) {
        Ok(()) => format!("HTML kept in {}", file.display()),
        Err(e) => format!("(could not keep the HTML: {e})"),
    }
}

/// The password of the accounts the browser tests create.
pub const PASSWORD: &str = "correct-horse-battery";

/// Logs in on the login page as `username` (made with [`PASSWORD`]).
pub async fn log_in(browser: &Browser, app: &crate::harness::TestApp, username: &str) {
    browser.goto(&app.url("/inloggen")).await;
    browser.fill("username", username).await;
    browser.fill("password", PASSWORD).await;
    browser.click("#submit").await;
    browser.wait_for_path("/klachten").await;
}

/// Waits until the text of the element matching `css` contains `needle`; fails with what
/// it says instead. The page may still be loading (after a key press that submits a form):
/// an element that goes stale while it is read counts as not there yet.
pub async fn wait_for_text(browser: &Browser, css: &str, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut now = None;
        if let Some(element) = browser.find_all(css).await.into_iter().next() {
            now = element.text().await.ok();
        }
        if now.as_deref().is_some_and(|text| text.contains(needle)) {
            return;
        }
        if Instant::now() > deadline {
            let now = now.unwrap_or_else(|| "(not on the page)".into());
            panic!("{css} should come to say {needle:?}; it says:\n{now}\n(page at {})", browser.path().await);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
