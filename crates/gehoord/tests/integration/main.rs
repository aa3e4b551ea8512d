//! Gehoord's integration tests: one binary (linking is the slow part), with
//! every store and HTTP test run against SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failed step in a test is a panic with its message")]

mod harness;
mod smtp_sink;

mod api;
mod browser;
mod case_actions;
mod case_formal;
mod cli;
mod delivery;
mod house_style;
mod info;
mod insight;
mod lessons;
mod letters;
mod notifications;
mod ombudsman;
mod pages;
mod protection;
mod signals;
mod status_page;
mod store;
