//! Gehoord's integration tests: one binary (linking is the slow part), with
//! every store and HTTP test run against SQLite and PostgreSQL.

mod harness;

mod api;
mod browser;
mod cli;
mod pages;
mod store;
