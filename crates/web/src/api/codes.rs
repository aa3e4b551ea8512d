//! Domain vocabularies as API strings with their allowed values in the
//! OpenAPI document, without repeating the domain's enums here.

use gehoord_domain::{
    Channel, ContactPreference, Phase,
    conduct::ContactLimit,
    evidence::EvidenceSource,
    hearing::{HearingSetting, HearingWaiverGround, ParticipantRole},
    judgment::Verdict,
    lesson::{Learner, LessonLevel, register::LessonStatus},
    norm::{CoreValue, Norm},
    not_handling::NotHandlingGround,
    terms::Urgency,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::{
    PartialSchema, ToSchema,
    openapi::{ObjectBuilder, RefOr, Schema, Type},
};

macro_rules! code_type {
    ($name:ident, $domain:ty, $all:expr, $what:literal) => {
        #[doc = concat!("A ", $what, " as its stable code.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(pub $domain);

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.0.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = String::deserialize(d)?;
                <$domain>::from_code(&code).map(Self).ok_or_else(|| {
                    let allowed: Vec<&str> = $all.iter().map(|v| v.code()).collect();
                    serde::de::Error::custom(format!(
                        "unknown {} {code:?}, expected one of {}",
                        $what,
                        allowed.join(", ")
                    ))
                })
            }
        }

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                ObjectBuilder::new().schema_type(Type::String).enum_values(Some($all.iter().map(|v| v.code()))).into()
            }
        }

        impl ToSchema for $name {}
    };
}

code_type!(ChannelCode, Channel, Channel::ALL, "channel");
code_type!(PhaseCode, Phase, Phase::ALL, "phase");
code_type!(ContactPreferenceCode, ContactPreference, ContactPreference::ALL, "contact preference");
code_type!(UrgencyCode, Urgency, Urgency::ALL, "deadline urgency");
code_type!(VerdictCode, Verdict, Verdict::ALL, "verdict");
code_type!(NormCode, Norm, Norm::ALL, "propriety norm");
code_type!(CoreValueCode, CoreValue, CoreValue::ALL, "core value");
code_type!(HearingSettingCode, HearingSetting, HearingSetting::ALL, "hearing setting");
code_type!(ParticipantRoleCode, ParticipantRole, ParticipantRole::ALL, "hearing participant role");
code_type!(HearingWaiverGroundCode, HearingWaiverGround, HearingWaiverGround::ALL, "ground for not hearing");
code_type!(NotHandlingGroundCode, NotHandlingGround, NotHandlingGround::ALL, "ground for not handling");
code_type!(EvidenceSourceCode, EvidenceSource, EvidenceSource::ALL, "source of evidence");
code_type!(ContactLimitCode, ContactLimit, ContactLimit::ALL, "limit on contact");
code_type!(LessonLevelCode, LessonLevel, LessonLevel::ALL, "lesson level");
code_type!(LearnerCode, Learner, Learner::ALL, "who should learn");
code_type!(LessonStatusCode, LessonStatus, LessonStatus::ALL, "lesson status");
