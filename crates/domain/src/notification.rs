//! Short e-mails to the complainant at the moments that matter (ombudsvisie
//! §4.3: people want to know what happens to their complaint): received,
//! taken into handling, postponed, a hearing planned, closed, reopened.
//!
//! A notice is not a letter: it carries no decision, only news and where to
//! look. It goes by e-mail only when the complainant gave an address and did
//! not choose post; the letters themselves follow their own way.

use crate::{
    ContactPreference,
    case::{Case, EventPayload},
    time::{LongDate, amsterdam, date_in_amsterdam},
};

/// One e-mail to the complainant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// The address to notify, unless the complainant chose post.
fn address(case: &Case) -> Option<&str> {
    let c = &case.complainant;
    (c.contact_preference != ContactPreference::Letter).then_some(c.email.as_deref()).flatten()
}

fn notice(case: &Case, subject: &str, news: &str) -> Option<Notice> {
    let to = address(case)?.to_owned();
    let name = case.complainant.name.as_deref().unwrap_or("heer of mevrouw");
    let body = format!(
        "Beste {name},\n\n{news}\n\nOp uw eigen pagina ziet u hoe het met uw klacht gaat. Gebruik daarvoor de link uit onze eerste e-mail. Noem het kenmerk {} als u contact met ons opneemt.\n\nDit bericht is automatisch verstuurd. U kunt er niet op antwoorden.\n",
        case.reference
    );
    Some(Notice { to, subject: format!("{subject} ({})", case.reference), body })
}

/// The first e-mail: received, with the private link to follow the
/// complaint (`status_url`, shown only here; without it, the e-mail points
/// to the confirmation page, which showed the link).
#[must_use]
pub fn received(case: &Case, status_url: Option<&str>) -> Option<Notice> {
    let to = address(case)?.to_owned();
    let name = case.complainant.name.as_deref().unwrap_or("heer of mevrouw");
    let contact = case.first_contact_due.map_or_else(
        || "Een klachtbehandelaar neemt contact met u op.".to_owned(),
        |due| format!("Een klachtbehandelaar neemt uiterlijk {} contact met u op.", LongDate(due)),
    );
    let link = status_url.map_or_else(
        || "Op de pagina na het versturen stond een link waarmee u uw klacht volgt. Bewaar die link.".to_owned(),
        |url| format!("Met deze link volgt u uw klacht. U kunt er ook iets toevoegen:\n{url}\n\nBewaar deze e-mail. Deel de link niet met anderen."),
    );
    let body = format!(
        "Beste {name},\n\nWij hebben uw klacht ontvangen. Dank u wel dat u het ons laat weten. Uw kenmerk is {reference}.\n\n{contact}\n\n{link}\n\nDit bericht is automatisch verstuurd. U kunt er niet op antwoorden.\n",
        reference = case.reference
    );
    Some(Notice { to, subject: format!("Wij hebben uw klacht ontvangen ({})", case.reference), body })
}

/// The code that opens the status page, when the organisation asks for one.
/// Unlike other notices it goes whatever the preferred way: the citizen asked
/// for it on the page.
#[must_use]
pub fn access_code(case: &Case, code: &str) -> Option<Notice> {
    let to = case.complainant.email.clone()?;
    let body = format!(
        "Uw code is: {code}\n\nVul deze code in op de pagina van uw klacht {}. De code werkt een kwartier.\n\nHebt u niet om een code gevraagd? Dan hoeft u niets te doen.\n\nDit bericht is automatisch verstuurd. U kunt er niet op antwoorden.\n",
        case.reference
    );
    Some(Notice { to, subject: format!("Uw code voor klacht {}", case.reference), body })
}

/// What the complainant hears after `payload` was recorded on `case` (the
/// case as it is after it).
#[must_use]
pub fn after(case: &Case, payload: &EventPayload) -> Option<Notice> {
    match payload {
        EventPayload::HandlerAssigned { handler_name, .. } => notice(
            case,
            "Uw klacht is in behandeling",
            &format!(
                "{handler_name} behandelt nu uw klacht en neemt contact met u op. Samen kijken we wat er is gebeurd en wat u wilt bereiken."
            ),
        ),
        EventPayload::HandlingPostponed { postponement, decision_due } => notice(
            case,
            "Het duurt langer",
            &format!(
                "Het onderzoek naar uw klacht duurt langer. De reden: {} U hoort nu uiterlijk {} wat wij van uw klacht vinden. U krijgt hierover ook een brief.",
                postponement.reason,
                LongDate(*decision_due)
            ),
        ),
        EventPayload::HearingPlanned(h) => {
            let when = h.at.to_zoned_datetime(amsterdam());
            notice(
                case,
                "Gesprek over uw klacht",
                &format!(
                    "Wij willen met u praten over uw klacht, op {} om {}, {}. U krijgt hierover ook een uitnodiging.",
                    LongDate(date_in_amsterdam(h.at)),
                    when.strftime("%H:%M"),
                    h.place
                ),
            )
        }
        // Every way of closing ends with this one event.
        EventPayload::CaseClosed { .. } => notice(
            case,
            "Uw klacht is afgerond",
            "Wij hebben uw klacht afgerond. Hoe, dat leest u in onze brief of hoorde u in ons gesprek. Wilt u laten weten hoe u de afhandeling vond? Dat kan op uw eigen pagina. Is er toch iets niet goed? Dan kunt u altijd vragen of wij opnieuw kijken.",
        ),
        EventPayload::CaseReopened { .. } => notice(
            case,
            "Wij kijken opnieuw naar uw klacht",
            "Wij hebben uw klacht opnieuw geopend. Een klachtbehandelaar neemt contact met u op.",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::{
        Command,
        formal::FormalCommand,
        not_handling::{NotHandling, NotHandlingGround},
        test_support::{Flow, formal},
    };

    fn with_email(preference: ContactPreference) -> Flow {
        let mut flow = Flow::new(true, Some(date(2024, 11, 1)));
        if let crate::CaseState::Registered(case) = &mut flow.state {
            case.complainant.email = Some("fatima@example.nl".into());
            case.complainant.contact_preference = preference;
        }
        flow
    }

    #[test]
    fn the_first_email_carries_the_private_link_and_the_first_contact_date() {
        let flow = with_email(ContactPreference::Email);
        let n = received(flow.case(), Some("https://klachten.example.nl/mijn-klacht/abc")).unwrap();
        assert_eq!(n.to, "fatima@example.nl");
        assert_eq!(n.subject, "Wij hebben uw klacht ontvangen (KL-2026-000007)");
        assert!(n.body.contains("https://klachten.example.nl/mijn-klacht/abc"), "{}", n.body);
        let due = flow.case().first_contact_due.unwrap();
        assert!(n.body.contains(&format!("uiterlijk {}", LongDate(due))), "{}", n.body);
    }

    #[test]
    fn the_moments_that_matter_send_news_and_others_do_not() {
        let mut flow = with_email(ContactPreference::NoPreference);
        let events = flow.ok(Command::TakeIntoHandling);
        let n = after(flow.case(), &events[0].payload).unwrap();
        assert!(n.body.starts_with("Beste Fatima El Amrani,\n\nHanna de Vries behandelt nu uw klacht"), "{}", n.body);
        let events = flow.ok(Command::RecordLesson(crate::lesson::Lesson {
            id: uuid::Uuid::nil(),
            positive: false,
            level: crate::lesson::LessonLevel::Execution,
            learner: crate::lesson::Learner::Team,
            text: "Sneller bellen.".into(),
        }));
        assert_eq!(after(flow.case(), &events[0].payload), None, "a lesson is no news for the citizen");
        let events = flow.ok(formal(FormalCommand::NotHandle {
            decision: NotHandling {
                ground: NotHandlingGround::OlderThanOneYear,
                motivation: "Het gebeurde in november 2024.".into(),
                personal_contact_made: true,
                notice_sent_on: flow.today,
            },
            no_lesson_reason: None,
        }));
        let closing = events.iter().filter_map(|e| after(flow.case(), &e.payload)).collect::<Vec<_>>();
        assert_eq!(closing.len(), 1, "one e-mail for one closing: {closing:?}");
        assert_eq!(closing[0].subject, "Uw klacht is afgerond (KL-2026-000007)");
        let events = flow.ok(Command::Reopen { reason: "Nieuwe feiten".into() });
        assert!(after(flow.case(), &events[0].payload).is_some_and(|n| n.subject.starts_with("Wij kijken opnieuw")));
    }

    #[test]
    fn post_as_the_chosen_way_or_no_address_means_no_email() {
        let flow = with_email(ContactPreference::Letter);
        assert_eq!(received(flow.case(), Some("/mijn-klacht/abc")), None, "the citizen chose post");
        let flow = Flow::new(true, None);
        assert_eq!(received(flow.case(), Some("/mijn-klacht/abc")), None, "no address");
    }
}
