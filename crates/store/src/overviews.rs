//! Cross-case overviews for handlers and managers: open cases by deadline,
//! open commitments by due date, and escalations waiting for a manager's
//! decision.

use gehoord_domain::{CaseId, Complainant, escalation::EscalationReason};
use jiff::{Timestamp, civil::Date};
use sqlx::{QueryBuilder, Row};
use uuid::Uuid;

use crate::{
    Store, StoreError,
    cases::{CASE_COLUMNS, COUNT_CAP, CaseRow, Page, civil_date, decode_case_row},
    instant, on_db,
};

/// An open commitment with its case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentRow {
    pub case_id: CaseId,
    pub reference: String,
    pub commitment_id: Uuid,
    pub what: String,
    pub to_whom: String,
    pub owner: String,
    pub due: Date,
    pub handler_name: Option<String>,
}

/// An unanswered escalation with its case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationRow {
    pub case_id: CaseId,
    pub reference: String,
    pub escalation_id: Uuid,
    pub reason: EscalationReason,
    pub explanation: String,
    pub requested_decision: String,
    pub raised_at: Timestamp,
    pub raised_by: String,
}

/// A conduct protocol of the same person, found from another case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonProtocol {
    /// The case it was imposed on.
    pub case_id: CaseId,
    pub reference: String,
    pub record: gehoord_domain::conduct::ProtocolRecord,
}

/// Which open cases the deadline overview lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeadlineQuery {
    pub handler: Option<Uuid>,
    pub department: Option<String>,
    /// Only cases due on or before this day (the warning threshold).
    pub due_until: Option<Date>,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

/// Every department any case names, each once: a loose index scan over
/// `cases_department_decision_due` (a plain DISTINCT reads every row).
pub(crate) const DEPARTMENTS: &str = "WITH RECURSIVE d(dep) AS ( \
     SELECT MIN(department) FROM cases WHERE department IS NOT NULL \
     UNION ALL \
     SELECT (SELECT MIN(department) FROM cases WHERE department > d.dep) FROM d WHERE dep IS NOT NULL) \
     SELECT dep FROM d WHERE dep IS NOT NULL";

impl Store {
    /// Open cases with an Awb 9:11 deadline, earliest deadline first.
    ///
    /// # Errors
    /// When the database fails or a row cannot be read.
    pub async fn open_by_deadline(&self, q: &DeadlineQuery) -> Result<Page<CaseRow>, StoreError> {
        let page = q.page.max(1);
        let page_size = q.page_size.clamp(1, 200);
        let offset = i64::from(page - 1) * i64::from(page_size);
        on_db!(self, |pool| {
            let mut list = QueryBuilder::new(format!("SELECT {CASE_COLUMNS} FROM cases"));
            push_deadline_filters(&mut list, q);
            list.push(" ORDER BY decision_due, id LIMIT ").push_bind(i64::from(page_size));
            list.push(" OFFSET ").push_bind(offset);
            let rows = list.build().fetch_all(pool).await?;
            let items = rows.iter().map(decode_case_row).collect::<Result<Vec<_>, _>>()?;
            let mut count = QueryBuilder::new("SELECT COUNT(*) FROM (SELECT 1 FROM cases");
            push_deadline_filters(&mut count, q);
            count.push(" LIMIT ").push_bind(COUNT_CAP + 1).push(") AS capped");
            let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
            Ok(Page::capped(items, page, page_size, total))
        })
    }

    /// Active conduct protocols of the person `complainant` is, by e-mail,
    /// phone or name with address (ombudsvisie §4.6: a protocol is about a
    /// person, so every case of theirs shows it).
    ///
    /// # Errors
    /// When the database fails or a stored protocol cannot be read.
    pub async fn protocols_for(&self, complainant: &Complainant) -> Result<Vec<PersonProtocol>, StoreError> {
        let keys = complainant.person_keys();
        if keys.email.is_none() && keys.phone.is_none() && keys.name_address.is_none() {
            return Ok(Vec::new());
        }
        let rows: Vec<(CaseId, String, String)> = on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT case_id, reference, detail FROM conduct_protocols WHERE active = $1 \
                 AND (email_key = $2 OR phone_key = $3 OR name_address_key = $4) ORDER BY reference",
            )
            .bind(true)
            .bind(&keys.email)
            .bind(&keys.phone)
            .bind(&keys.name_address)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(case_id, reference, detail)| {
                let record = serde_json::from_str(&detail)
                    .map_err(|e| StoreError::Corrupt(format!("conduct protocol of {reference}: {e}")))?;
                Ok(PersonProtocol { case_id, reference, record })
            })
            .collect()
    }

    /// The departments of open cases, for the overview's filter.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn open_departments(&self) -> Result<Vec<String>, StoreError> {
        on_db!(self, |pool| {
            // A loose index scan over `cases_department_decision_due`: each
            // department once, then whether it has an open case. A plain
            // DISTINCT over the open cases grows with their number (see
            // docs/PERFORMANCE.md, "deadline overview").
            Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "{DEPARTMENTS} AND EXISTS (SELECT 1 FROM cases WHERE department = d.dep AND is_open = $1) ORDER BY dep"
            )))
            .bind(true)
            .fetch_all(pool)
            .await?)
        })
    }

    /// Open commitments, earliest due first; only those of `handler`'s cases
    /// when given.
    ///
    /// # Errors
    /// When the database fails or a row cannot be read.
    pub async fn open_commitments(
        &self,
        handler: Option<Uuid>,
        page: u32,
        page_size: u32,
    ) -> Result<Page<CommitmentRow>, StoreError> {
        let page = page.max(1);
        let page_size = page_size.clamp(1, 200);
        let offset = i64::from(page - 1) * i64::from(page_size);
        // Placeholders follow the parameters: limit and offset, then the handler.
        let filter = |n: u8| if handler.is_some() { format!(" AND c.handler_id = ${n}") } else { String::new() };
        let list = sqlx::AssertSqlSafe(format!(
            "SELECT k.case_id, c.reference, k.commitment_id, k.what, k.to_whom, k.owner, k.due, c.handler_name \
             FROM case_commitments k JOIN cases c ON c.id = k.case_id \
             WHERE k.status = 'open'{} ORDER BY k.due, c.reference LIMIT $1 OFFSET $2",
            filter(3)
        ));
        let count = sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM case_commitments k JOIN cases c ON c.id = k.case_id \
             WHERE k.status = 'open'{} LIMIT $1) AS capped",
            filter(2)
        ));
        on_db!(self, |pool| {
            let mut q = sqlx::query(list).bind(i64::from(page_size)).bind(offset);
            let mut n = sqlx::query_scalar::<_, i64>(count).bind(COUNT_CAP + 1);
            if let Some(h) = handler {
                q = q.bind(h);
                n = n.bind(h);
            }
            let rows = q.fetch_all(pool).await?;
            let items = rows
                .iter()
                .map(|r| {
                    Ok(CommitmentRow {
                        case_id: r.try_get("case_id")?,
                        reference: r.try_get("reference")?,
                        commitment_id: r.try_get("commitment_id")?,
                        what: r.try_get("what")?,
                        to_whom: r.try_get("to_whom")?,
                        owner: r.try_get("owner")?,
                        due: civil_date(Some(r.try_get("due")?))?.unwrap_or_default(),
                        handler_name: r.try_get("handler_name")?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            let total = n.fetch_one(pool).await?;
            Ok(Page::capped(items, page, page_size, total))
        })
    }

    /// Escalations waiting for a manager, oldest first.
    ///
    /// # Errors
    /// When the database fails or a row cannot be read.
    pub async fn open_escalations(&self, page: u32, page_size: u32) -> Result<Page<EscalationRow>, StoreError> {
        let page = page.max(1);
        let page_size = page_size.clamp(1, 200);
        let offset = i64::from(page - 1) * i64::from(page_size);
        on_db!(self, |pool| {
            let rows = sqlx::query(
                "SELECT e.case_id, c.reference, e.escalation_id, e.reason, e.explanation, e.requested_decision, \
                 e.raised_at, e.raised_by FROM case_escalations e JOIN cases c ON c.id = e.case_id \
                 WHERE e.answered = $1 ORDER BY e.raised_at LIMIT $2 OFFSET $3",
            )
            .bind(false)
            .bind(i64::from(page_size))
            .bind(offset)
            .fetch_all(pool)
            .await?;
            let items = rows
                .iter()
                .map(|r| {
                    let reason: String = r.try_get("reason")?;
                    Ok(EscalationRow {
                        case_id: r.try_get("case_id")?,
                        reference: r.try_get("reference")?,
                        escalation_id: r.try_get("escalation_id")?,
                        reason: EscalationReason::from_code(&reason)
                            .ok_or_else(|| StoreError::Corrupt(format!("escalation reason {reason:?}")))?,
                        explanation: r.try_get("explanation")?,
                        requested_decision: r.try_get("requested_decision")?,
                        raised_at: instant(r.try_get("raised_at")?),
                        raised_by: r.try_get("raised_by")?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            let total: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM (SELECT 1 FROM case_escalations WHERE answered = $1 LIMIT $2) AS capped",
            )
            .bind(false)
            .bind(COUNT_CAP + 1)
            .fetch_one(pool)
            .await?;
            Ok(Page::capped(items, page, page_size, total))
        })
    }
}

fn push_deadline_filters<DB>(b: &mut QueryBuilder<DB>, q: &DeadlineQuery)
where
    DB: sqlx::Database,
    for<'t> bool: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> Uuid: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> String: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    b.push(" WHERE is_open = ").push_bind(true).push(" AND decision_due IS NOT NULL");
    if let Some(handler) = q.handler {
        b.push(" AND handler_id = ").push_bind(handler);
    }
    if let Some(department) = &q.department {
        b.push(" AND department = ").push_bind(department.clone());
    }
    if let Some(until) = q.due_until {
        // ISO dates sort as text.
        b.push(" AND decision_due <= ").push_bind(until.to_string());
    }
}
