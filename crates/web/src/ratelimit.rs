//! Protection of the public forms without barriers: a rate limit on the POSTs
//! a citizen can send without logging in (the complaint form and the private
//! status page), per client address. No CAPTCHA, no account: a person filling
//! in the form never notices it; a script sending hundreds of complaints a
//! minute gets a Dutch "wait a minute" page (429 with `Retry-After`) before its
//! request is read, so nothing is stored.
//!
//! The limit is a GCRA bucket per client from `governor`: `burst` POSTs at
//! once, then one more every `60 / per_minute` seconds. A client is its IPv4
//! address, or its IPv6 /64 network (one household or phone gets a whole /64,
//! so counting single IPv6 addresses would be no limit at all). The address is
//! the TCP peer's; behind a reverse proxy, [`WebConfig::trust_forwarded_for`]
//! takes the last `X-Forwarded-For` entry, the one the proxy itself added.
//! Without a peer address (requests sent in-process, as the tests do) nothing
//! is limited. Addresses are never logged.
//!
//! [`WebConfig::trust_forwarded_for`]: crate::WebConfig::trust_forwarded_for

use std::{
    net::{IpAddr, Ipv6Addr, SocketAddr},
    num::NonZeroU32,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, Method},
    middleware::Next,
    response::{IntoResponse, Response},
};
use governor::{
    Quota, RateLimiter,
    clock::{Clock, DefaultClock},
    middleware::NoOpMiddleware,
    state::keyed::DashMapStateStore,
};

use crate::{WebConfig, error::PageError};

/// How many public POSTs one client may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostLimit {
    /// Sustained rate: POSTs per minute.
    pub per_minute: NonZeroU32,
    /// POSTs at once before the rate applies: room for a multi-step form
    /// with a few corrections, or a few people behind one address.
    pub burst: NonZeroU32,
}

impl Default for PostLimit {
    /// 10 a minute with a burst of 20.
    fn default() -> Self {
        Self {
            per_minute: NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN),
            burst: NonZeroU32::new(20).unwrap_or(NonZeroU32::MIN),
        }
    }
}

impl PostLimit {
    fn quota(self) -> Quota {
        let period = Duration::from_secs(60) / self.per_minute.get();
        Quota::with_period(period).unwrap_or_else(|| Quota::per_minute(self.per_minute)).allow_burst(self.burst)
    }
}

/// Who counts as one client: an IPv4 address or an IPv6 /64 network.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from_bits(v6.to_bits() & !((1u128 << 64) - 1))),
    }
}

/// Checks before the limiter forgets clients it has not seen for a while.
const CLEAN_UP_EVERY: u64 = 1024;

/// The buckets of all clients.
#[derive(Debug)]
pub struct PostLimiter<C: Clock = DefaultClock> {
    limiter: RateLimiter<IpAddr, DashMapStateStore<IpAddr>, C, NoOpMiddleware<C::Instant>>,
    clock: C,
    checks: AtomicU64,
}

impl PostLimiter {
    #[must_use]
    pub fn new(limit: PostLimit) -> Self {
        Self::with_clock(limit, DefaultClock::default())
    }
}

impl<C: Clock + Clone> PostLimiter<C> {
    fn with_clock(limit: PostLimit, clock: C) -> Self {
        Self {
            limiter: RateLimiter::dashmap_with_clock(limit.quota(), clock.clone()),
            clock,
            checks: AtomicU64::new(0),
        }
    }

    /// Counts one POST from `ip`: `Err` with how long to wait when it is one
    /// too many.
    ///
    /// # Errors
    /// The time until the client may send again.
    pub fn check(&self, ip: IpAddr) -> Result<(), Duration> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % CLEAN_UP_EVERY == CLEAN_UP_EVERY - 1 {
            // Clients whose bucket is full again are as good as new: forget them.
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        self.limiter.check_key(&client_key(ip)).map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }

    /// Clients the limiter remembers.
    #[cfg(test)]
    fn clients(&self) -> usize {
        self.limiter.len()
    }
}

/// Whole seconds for `Retry-After`: rounded up, at least 1.
fn retry_after_secs(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

/// POSTs anyone can send without logging in: the complaint form (with its
/// steps) and the private status page reached by its link. Staff pages need a
/// login; the API has tokens and its own answers.
fn is_public_post(method: &Method, path: &str) -> bool {
    let under = |prefix: &str| path == prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'));
    method == Method::POST && (under("/klacht-indienen") || under("/mijn-klacht"))
}

/// The last address in `X-Forwarded-For`: the one our own proxy added (what
/// the client put before it can be made up).
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).next_back()?;
    let entry = last.rsplit(',').next()?.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| entry.strip_prefix('[')?.strip_suffix(']')?.parse().ok())
}

/// The client's address: the TCP peer, or behind a trusted proxy the address
/// the proxy saw. `None` when the request came without a connection (tests).
fn client_ip(request: &Request, trust_forwarded_for: bool) -> Option<IpAddr> {
    let forwarded = if trust_forwarded_for { forwarded_for(request.headers()) } else { None };
    forwarded.or_else(|| request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| peer.ip()))
}

/// What the rate-limit layer needs: the buckets and whether to believe the
/// proxy.
#[derive(Debug, Clone)]
pub struct Limits {
    limiter: Option<Arc<PostLimiter>>,
    trust_forwarded_for: bool,
}

impl Limits {
    #[must_use]
    pub fn from_config(config: &WebConfig) -> Self {
        Self {
            limiter: config.public_post_limit.map(|limit| Arc::new(PostLimiter::new(limit))),
            trust_forwarded_for: config.trust_forwarded_for,
        }
    }
}

/// The layer: refuses a public POST over the limit before its body is read.
pub async fn limit_public_posts(State(limits): State<Limits>, request: Request, next: Next) -> Response {
    if let Some(limiter) = &limits.limiter
        && is_public_post(request.method(), request.uri().path())
        && let Some(ip) = client_ip(&request, limits.trust_forwarded_for)
        && let Err(wait) = limiter.check(ip)
    {
        tracing::warn!(action = "rate_limit", result = "refused", "public POST over the rate limit");
        return PageError::TooManyRequests { retry_after_secs: retry_after_secs(wait) }.into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use axum::http::HeaderValue;
    use governor::clock::FakeRelativeClock;

    use super::*;

    fn limit(per_minute: u32, burst: u32) -> PostLimit {
        PostLimit { per_minute: NonZeroU32::new(per_minute).unwrap(), burst: NonZeroU32::new(burst).unwrap() }
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn a_burst_passes_then_one_per_interval() {
        let clock = FakeRelativeClock::default();
        let limiter = PostLimiter::with_clock(limit(10, 10), clock.clone());
        let me = ip("192.0.2.1");
        for i in 0..10 {
            assert_eq!(limiter.check(me), Ok(()), "POST {i} of the burst");
        }
        // The 11th waits for one interval (60 s / 10).
        assert_eq!(limiter.check(me), Err(Duration::from_secs(6)));
        clock.advance(Duration::from_secs(2));
        assert_eq!(limiter.check(me), Err(Duration::from_secs(4)));
        clock.advance(Duration::from_secs(4));
        assert_eq!(limiter.check(me), Ok(()));
        assert!(limiter.check(me).is_err(), "and then waits again");
        // After a quiet minute the whole burst is back.
        clock.advance(Duration::from_secs(60));
        for _ in 0..10 {
            assert_eq!(limiter.check(me), Ok(()));
        }
    }

    #[test]
    fn clients_have_their_own_buckets() {
        let limiter = PostLimiter::with_clock(limit(1, 2), FakeRelativeClock::default());
        assert!(limiter.check(ip("192.0.2.1")).is_ok());
        assert!(limiter.check(ip("192.0.2.1")).is_ok());
        assert!(limiter.check(ip("192.0.2.1")).is_err());
        assert!(limiter.check(ip("192.0.2.2")).is_ok(), "a neighbour is not affected");
        assert!(limiter.check(ip("::ffff:192.0.2.1")).is_err(), "the same IPv4 client over IPv6 sockets");
        assert!(limiter.check(ip("2001:db8:1:2::1")).is_ok());
        assert!(limiter.check(ip("2001:db8:1:2:ffff::9")).is_ok());
        assert!(limiter.check(ip("2001:db8:1:2:abcd::1")).is_err(), "one /64 is one client");
        assert!(limiter.check(ip("2001:db8:1:3::1")).is_ok(), "the next /64 is another");
        assert_eq!(limiter.clients(), 4);
    }

    #[test]
    fn quiet_clients_are_forgotten() {
        let clock = FakeRelativeClock::default();
        let limiter = PostLimiter::with_clock(limit(60, 5), clock.clone());
        for n in 0..100u8 {
            assert!(limiter.check(IpAddr::V4(Ipv4Addr::new(198, 51, 100, n))).is_ok());
        }
        assert_eq!(limiter.clients(), 100);
        clock.advance(Duration::from_secs(60));
        for _ in 0..CLEAN_UP_EVERY {
            let _ = limiter.check(ip("203.0.113.7"));
        }
        assert_eq!(limiter.clients(), 1, "only the client that is still busy is kept");
    }

    #[test]
    fn retry_after_is_rounded_up_to_whole_seconds() {
        assert_eq!(retry_after_secs(Duration::from_secs(6)), 6);
        assert_eq!(retry_after_secs(Duration::from_millis(5_001)), 6);
        assert_eq!(retry_after_secs(Duration::from_millis(10)), 1);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
    }

    #[test]
    fn only_public_posts_are_limited() {
        for path in ["/klacht-indienen", "/klacht-indienen/stap-2", "/mijn-klacht/abc", "/mijn-klacht/abc/reactie"] {
            assert!(is_public_post(&Method::POST, path), "{path}");
            assert!(!is_public_post(&Method::GET, path), "GET {path}");
        }
        for path in ["/klacht-indienenx", "/mijn-klachten/1", "/inloggen", "/klachten/registreren", "/v1/klachten", "/"]
        {
            assert!(!is_public_post(&Method::POST, path), "{path}");
        }
    }

    #[test]
    fn the_last_forwarded_address_is_the_one_the_proxy_saw() {
        let mut h = HeaderMap::new();
        assert_eq!(forwarded_for(&h), None);
        h.append("x-forwarded-for", HeaderValue::from_static("10.9.9.9, 198.51.100.7"));
        assert_eq!(forwarded_for(&h), Some(ip("198.51.100.7")));
        h.append("x-forwarded-for", HeaderValue::from_static("2001:db8::5"));
        assert_eq!(forwarded_for(&h), Some(ip("2001:db8::5")), "the last header line");
        let one = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert("x-forwarded-for", HeaderValue::from_static(v));
            forwarded_for(&h)
        };
        assert_eq!(one("198.51.100.7:4711"), Some(ip("198.51.100.7")));
        assert_eq!(one("[2001:db8::5]:443"), Some(ip("2001:db8::5")));
        assert_eq!(one("[2001:db8::5]"), Some(ip("2001:db8::5")));
        assert_eq!(one("unknown"), None);
        assert_eq!(one("198.51.100.7, "), None, "an empty last entry is not trusted");
    }

    #[test]
    fn the_peer_decides_unless_the_proxy_is_trusted() {
        let mut request = Request::post("/klacht-indienen")
            .header("x-forwarded-for", "198.51.100.7")
            .body(axum::body::Body::empty())
            .unwrap();
        assert_eq!(client_ip(&request, false), None, "no connection, no address");
        assert_eq!(client_ip(&request, true), Some(ip("198.51.100.7")));
        request.extensions_mut().insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 1], 50_000))));
        assert_eq!(client_ip(&request, false), Some(ip("192.0.2.1")), "the header is ignored");
        assert_eq!(client_ip(&request, true), Some(ip("198.51.100.7")));
        request.headers_mut().remove("x-forwarded-for");
        assert_eq!(client_ip(&request, true), Some(ip("192.0.2.1")), "no header: the peer");
    }
}
