//! THROWAWAY smoke test for the Browser helper; deleted before commit.
#[path = "/tmp/browser_smoke/browser.rs"]
#[allow(dead_code)]
mod browser;

use browser::Browser;
use fantoccini::key::Key;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const GOOD: &str = r#"<!doctype html><html lang="nl"><head><title>Goed</title></head><body>
<a class="skip-link" href="#inhoud">Naar de inhoud</a>
<header><nav><a href="/other">Andere pagina</a></nav></header>
<main id="inhoud"><h1>Klacht</h1>
<form id="f" method="post" action="/done">
<label for="description">Omschrijving</label><textarea id="description" name="description"></textarea>
<label for="name">Naam</label><input id="name" name="name">
<button id="submit" type="submit">Versturen</button></form></main></body></html>"#;
const DONE: &str = r#"<!doctype html><html lang="nl"><head><title>Klaar</title></head><body><main><h1>Bedankt</h1><p id="reference">Uw kenmerk: KL-2026-000001</p></main></body></html>"#;
const BAD: &str = r#"<!doctype html><html><head></head><body><img src="x.png"><input id="q"><p style="color:#ccc;background:#fff">grijs</p></body></html>"#;

async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (mut s, _) = listener.accept().await.unwrap();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 65536];
                let n = s.read(&mut buf).await.unwrap_or(0);
                let req = String::from_utf8_lossy(&buf[..n]).to_string();
                let body = if req.starts_with("POST /done") { DONE } else if req.starts_with("GET /bad") { BAD } else { GOOD };
                let resp = format!("HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}", body.len(), body);
                let _ = s.write_all(resp.as_bytes()).await;
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn good_page_journey() {
    let base = serve().await;
    let t = std::time::Instant::now();
    let b = Browser::start().await;
    eprintln!("start took {:?}", t.elapsed());
    b.goto(&format!("{base}/form")).await;
    b.assert_accessible("good page").await;
    eprintln!("axe took {:?}", t.elapsed());
    b.assert_accessible("good page again").await;
    b.press(Key::Tab).await;
    assert!(b.focused_matches("a.skip-link").await, "focused: {}", b.focused().await);
    b.press(Key::Enter).await;
    b.tab_to("#description", 10).await;
    b.type_text("De stoep ligt open.").await;
    b.tab_to("#submit", 10).await;
    b.press(Key::Enter).await;
    let text = b.wait_for("#reference").await.text().await.unwrap();
    assert!(text.contains("KL-2026-000001"));
    assert_eq!(b.path().await, "/done");
    b.goto(&format!("{base}/form")).await;
    b.fill("name", "Jan").await;
    b.fill("description", "via fill").await;
    b.click("#submit").await;
    assert_eq!(b.text("#reference").await, "Uw kenmerk: KL-2026-000001");
    eprintln!("total {:?}", t.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[should_panic(expected = "image-alt")]
async fn bad_page_fails_axe() {
    let base = serve().await;
    let b = Browser::start().await;
    b.goto(&format!("{base}/bad")).await;
    b.assert_accessible("bad page").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[should_panic(expected = "did not appear")]
async fn missing_element_fails_readably() {
    let base = serve().await;
    let b = Browser::start().await;
    b.goto(&format!("{base}/form")).await;
    b.wait_for("#nope").await;
}
