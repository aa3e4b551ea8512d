//! The lessons register in a real browser: a manager with a department of
//! their own opens the register on it, overdue actions first, and chooses
//! all departments; finds a lesson from a complaint in the list, opens it,
//! and agrees the improvement action with the keyboard only, through one
//! refusal; the form for a new lesson; insight on the manager's department;
//! every state passes axe-core.
//!
//! Page contract used here: the list's `#lessons` table and `#lesson-counts`,
//! the notice `#own-department` with the link `#all-departments`, the
//! link back `#own-department-link`, the filter `#afdeling`;
//! on a lesson, `#lesson-status`, `#lesson-owner`, `#lesson-cases`, the agree
//! form's `#action`, `#owner`, `#due` and `#agree-submit`, the error summary
//! `#error-summary`.

use gehoord_domain::{
    Actor, CaseState, Channel, Command, Complainant, Context, Role,
    case::{InitialHandling, Intake},
    decide,
    lesson::{
        Learner, Lesson, LessonLevel,
        register::{self, LessonCommand, Proposal},
    },
};
use gehoord_store::NewUser;
use uuid::Uuid;

use super::{Browser, Key, PASSWORD, log_in, wait_for_text};
use crate::harness::{Db, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_agrees_an_action_on_a_lesson_with_the_keyboard() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    let manager = NewUser {
        username: "mila".into(),
        display_name: "Mila Jansen".into(),
        password: PASSWORD.into(),
        role: Role::Manager,
    };
    app.store.create_user(&manager, app.clock.now()).await.unwrap();

    // A complaint about parking with a lesson recorded by its handler.
    let case = Uuid::now_v7();
    let now = app.clock.now();
    let ctx = Context::new(now, Actor::Staff { user_id: Uuid::from_u128(1), name: "Hanna de Vries".into() });
    let reference = app
        .store
        .register_case(case, gehoord_domain::time::date_in_amsterdam(now).year(), |reference| {
            let intake = Intake {
                reference,
                channel: Channel::Phone,
                received_at: now,
                description: "De brief over mijn parkeervergunning begrijp ik niet.".into(),
                complainant: Complainant { name: Some("Fatima El Amrani".into()), ..Complainant::default() },
                conduct_date: None,
                department: Some("Parkeren".into()),
                employees_involved: None,
                signed: false,
                handling: InitialHandling::ToComplaintHandling,
            };
            decide(&CaseState::New, Command::Register(Box::new(intake)), &ctx)
        })
        .await
        .unwrap();
    app.store.execute(case, |s| decide(s, Command::TakeIntoHandling, &ctx)).await.unwrap();
    let lesson = Lesson {
        id: Uuid::now_v7(),
        level: LessonLevel::Execution,
        learner: Learner::Team,
        text: "Brieven over de parkeervergunning zijn te moeilijk".into(),
        positive: false,
    };
    app.store.execute(case, |s| decide(s, Command::RecordLesson(lesson.clone()), &ctx)).await.unwrap();

    // Mila manages Parkeren. A parking action due tomorrow, and a lesson of
    // another department.
    app.store.set_user_department("mila", Some("Parkeren")).await.unwrap();
    let propose = |text: &str, department: &str| {
        LessonCommand::Propose(Proposal {
            text: text.into(),
            level: LessonLevel::Execution,
            learner: Learner::Team,
            positive: false,
            department: Some(department.into()),
            case_id: None,
        })
    };
    let late = Uuid::now_v7();
    let command = propose("Parkeerautomaat bij het station geeft geen bon", "Parkeren");
    app.store.execute_lesson(late, |s| register::decide(s, command.clone(), &ctx)).await.unwrap();
    let due = gehoord_domain::time::date_in_amsterdam(now).tomorrow().unwrap();
    let agree = LessonCommand::Agree {
        action: Some("Automaat laten repareren".into()),
        owner: "Team Parkeren".into(),
        due: Some(due),
    };
    app.store.execute_lesson(late, |s| register::decide(s, agree.clone(), &ctx)).await.unwrap();
    let command = propose("Containers worden te laat geleegd", "Afval");
    app.store.execute_lesson(Uuid::now_v7(), |s| register::decide(s, command.clone(), &ctx)).await.unwrap();
    // Two days on, the action is overdue.
    app.clock.set(now + jiff::SignedDuration::from_hours(48));

    let browser = Browser::start().await;
    log_in(&browser, &app, "mila").await;
    browser.click(".site-nav a[href=\"/leerpunten\"]").await;
    browser.wait_for_path("/leerpunten").await;
    wait_for_text(&browser, "#own-department", "Parkeren").await;
    wait_for_text(&browser, "#lessons tbody tr:first-child", "Parkeerautomaat bij het station").await;
    wait_for_text(&browser, "#lessons tbody tr:first-child", "Te laat").await;
    wait_for_text(&browser, "#lessons", "Brieven over de parkeervergunning").await;
    assert!(!browser.text("#lessons").await.contains("Containers"), "only Parkeren at first");
    wait_for_text(&browser, "#lesson-counts", "Voorgesteld").await;
    browser.assert_accessible("the lessons register of the manager's department").await;

    // All departments, with the keyboard; and back.
    browser.tab_to("#all-departments", 40).await;
    browser.press(Key::Enter).await;
    wait_for_text(&browser, "#lessons", "Containers worden te laat geleegd").await;
    wait_for_text(&browser, "#overzicht-title", "alle afdelingen").await;
    assert!(!browser.exists("#own-department").await);
    browser.assert_accessible("the lessons register of all departments").await;
    browser.click("#own-department-link").await;
    wait_for_text(&browser, "#overzicht-title", "Parkeren").await;
    assert!(!browser.text("#lessons").await.contains("Containers"));

    browser.click(&format!("#lessons a[href=\"/leerpunten/{}\"]", lesson.id)).await;
    browser.wait_for_path(&format!("/leerpunten/{}", lesson.id)).await;
    wait_for_text(&browser, "#lesson-status", "Voorgesteld").await;
    wait_for_text(&browser, "#lesson-cases", &reference.to_string()).await;
    browser.assert_accessible("a proposed lesson").await;

    // Keyboard only: the action, no owner, a due date; the refusal names the owner.
    browser.tab_to("#action", 80).await;
    browser.type_text("Brief herschrijven op taalniveau B1").await;
    browser.tab_to("#due", 5).await;
    let due = gehoord_domain::time::date_in_amsterdam(now).checked_add(jiff::Span::new().days(21)).unwrap();
    browser.type_text(&due.strftime("%d-%m-%Y").to_string()).await;
    browser.tab_to("#agree-submit", 5).await;
    browser.press(Key::Enter).await;
    wait_for_text(&browser, "#error-summary", "Vul in wie de verbeteractie uitvoert").await;
    browser.assert_accessible("the agree form with an error").await;

    browser.tab_to("#owner", 80).await;
    browser.type_text("Team Vergunningen").await;
    browser.tab_to("#agree-submit", 5).await;
    browser.press(Key::Enter).await;
    wait_for_text(&browser, "#lesson-status", "Afgesproken").await;
    wait_for_text(&browser, "#lesson-owner", "Team Vergunningen").await;
    assert!(!browser.exists("#error-summary").await);
    browser.assert_accessible("an agreed lesson").await;

    // The form for a lesson written directly.
    browser.goto(&app.url("/leerpunten/nieuw")).await;
    browser.wait_for("#form-nieuw-leerpunt").await;
    browser.assert_accessible("the form for a new lesson").await;
    browser.click("#new-lesson-submit").await;
    browser.wait_for("#error-summary").await;
    browser.assert_accessible("the form for a new lesson with errors").await;

    // Insight opens on the manager's department too.
    browser.goto(&app.url("/inzicht")).await;
    wait_for_text(&browser, "#own-department", "Parkeren").await;
    browser.assert_accessible("insight on the manager's department").await;
    browser.click("#all-departments").await;
    browser.wait_for("select#afdeling option[value=\"alle\"][selected]").await;
    assert!(!browser.exists("#own-department").await);
    browser.close().await;
}
