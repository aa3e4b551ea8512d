//! Secrets: random tokens (sessions, API tokens, set-up links) stored only as
//! SHA-256 hashes, and staff passwords stored as argon2id hashes.

use std::sync::LazyLock;

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
use sha2::{Digest, Sha256};

use crate::StoreError;

/// A new random token: 32 bytes from the OS, as 64 hex characters, with a
/// readable prefix so a leaked token can be recognised (`gh_api_…`).
///
/// # Errors
/// When the operating system has no randomness to give.
pub fn new_token(prefix: &str) -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Config(format!("no randomness: {e}")))?;
    Ok(format!("{prefix}{}", hex::encode(bytes)))
}

/// What is stored for a token: its SHA-256. Tokens carry 256 bits of
/// randomness, so a fast hash is enough; a stolen table reveals nothing usable.
#[must_use]
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Staff passwords are at least this long. No composition rules: length is
/// what makes a password strong (NIST SP 800-63B asks at least 8).
pub const MIN_PASSWORD_LEN: usize = 10;

/// An argon2id hash in PHC string form, with a random salt.
///
/// # Errors
/// When hashing fails (no randomness).
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let hash: PasswordHash = Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|e| StoreError::Config(format!("password hashing failed: {e}")))?;
    Ok(hash.to_string())
}

/// Whether `password` matches a stored PHC hash. A malformed stored hash
/// never matches.
#[must_use]
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A real hash of a random password, to verify against when a username does
/// not exist, so a failed login takes as long for unknown users as for known
/// ones.
#[must_use]
pub fn dummy_hash() -> &'static str {
    static DUMMY: LazyLock<String> =
        LazyLock::new(|| new_token("").and_then(|t| hash_password(&t)).unwrap_or_default());
    &DUMMY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_with_the_right_password() {
        let hash = hash_password("correct horse battery staple").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery staple", &hash));
        assert!(!verify_password("Correct horse battery staple", &hash));
        assert!(!verify_password("x", "not a hash"));
        assert!(!verify_password("x", dummy_hash()));
    }

    #[test]
    fn tokens_are_random_and_prefixed() {
        let a = new_token("gh_api_").unwrap();
        let b = new_token("gh_api_").unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("gh_api_") && a.len() == 7 + 64);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
    }
}
