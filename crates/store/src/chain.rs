//! The per-case hash chain that makes the history tamper-evident.
//!
//! Each event's hash is SHA-256 over the previous event's hash and the
//! event's stored fields, exactly as stored (the payload is kept as text, not
//! as a JSON column, so the bytes hashed are the bytes read back). Editing any
//! field of any event, or removing one, breaks the chain from that point on.

use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The `prev_hash` of a case's first event.
pub const GENESIS: &str = "";

/// The fields of a stored event that its hash covers.
#[derive(Debug, Clone, Copy)]
pub struct ChainedFields<'a> {
    pub case_id: Uuid,
    pub seq: i64,
    pub event_type: &'a str,
    pub event_version: i64,
    pub recorded_at: i64,
    pub actor: &'a str,
    pub payload: &'a str,
}

/// The lowercase hex SHA-256 of the previous hash and the fields, each field
/// length-prefixed so no two different events can produce the same input.
#[must_use]
pub fn hash_event(prev_hash: &str, f: &ChainedFields<'_>) -> String {
    let mut hasher = Sha256::new();
    let case_id = f.case_id.to_string();
    let seq = f.seq.to_string();
    let version = f.event_version.to_string();
    let recorded_at = f.recorded_at.to_string();
    for part in [prev_hash, &case_id, &seq, f.event_type, &version, &recorded_at, f.actor, f.payload] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(payload: &str) -> ChainedFields<'_> {
        ChainedFields {
            case_id: Uuid::nil(),
            seq: 1,
            event_type: "handed_over",
            event_version: 1,
            recorded_at: 1_700_000_000_000_000,
            actor: r#"{"kind":"system"}"#,
            payload,
        }
    }

    #[test]
    fn hash_is_stable_hex_sha256() {
        let h = hash_event(GENESIS, &fields("{}"));
        assert_eq!(h.len(), 64);
        assert_eq!(h, hash_event(GENESIS, &fields("{}")));
    }

    #[test]
    fn any_change_changes_the_hash() {
        let base = hash_event(GENESIS, &fields("{}"));
        assert_ne!(base, hash_event(GENESIS, &fields("{ }")));
        assert_ne!(base, hash_event("00", &fields("{}")));
        let mut f = fields("{}");
        f.seq = 2;
        assert_ne!(base, hash_event(GENESIS, &f));
    }

    #[test]
    fn field_boundaries_cannot_be_shifted() {
        let mut a = fields("x");
        a.actor = "ab";
        let mut b = fields("bx");
        b.actor = "a";
        assert_ne!(hash_event(GENESIS, &a), hash_event(GENESIS, &b));
    }
}
